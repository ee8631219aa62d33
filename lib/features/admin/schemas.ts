import "server-only";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/passwordPolicy";
import { employeeNumber, isoDate, text, uuid } from "@/lib/platform/validation/common";
import { type Role } from "@/lib/auth/credentials";
import { MAX_PAGE_SIZE } from "@/lib/platform/pagination/keysetCursor";

/** The four roles, in the order pages list them. */
export const ROLES = ["employee", "hr", "admin", "auditor", "finance"] as const satisfies readonly Role[];
export const roleSchema = z.enum(ROLES);
/** A set of roles: at least one, each once. */
export const rolesSchema = z
  .array(roleSchema)
  .min(1)
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, { message: "Each role once." });

/** Input of the public set-password form. */
export const setPasswordSchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().max(MAX_PASSWORD_LENGTH * 4),
  confirm: z.string().max(MAX_PASSWORD_LENGTH * 4),
});
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

/** Body of POST /api/v1/api-tokens: the token acts as the owner, holding only this one role. */
export const createApiTokenSchema = z.object({
  name: text().min(1).max(100),
  role: roleSchema,
  userId: uuid,
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
/** A token as lists show it: never the token or its hash, only the first characters to tell it apart. */
export const apiTokenSummarySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  role: roleSchema,
  owner: z.object({ id: z.string().uuid(), email: z.string(), displayName: z.string(), disabled: z.boolean() }),
  createdBy: z.object({ id: z.string().uuid(), email: z.string() }).nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenSummary = z.infer<typeof apiTokenSummarySchema>;
/** What creating a token answers: the secret, this once, and the stored record. */
export const createdApiTokenSchema = z.object({ token: z.string(), apiToken: apiTokenSummarySchema });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

/** A page request of a long list: the cursor a previous page handed out, and how many items (default 50). */
const pageRequest = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
};

/**
 * Query of GET /api/v1/audit-log. actor is a user id or an email; action ending in "*" matches a
 * prefix ("user.*"); from/to are Shanghai calendar days, both included; cursor is the previous page's
 * nextCursor. before (a row id, the older form of the cursor) is still accepted.
 */
export const auditQuerySchema = z.object({
  actor: text().max(200).optional(),
  entityType: text().max(60).optional(),
  entityId: text().max(200).optional(),
  action: text().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  before: z
    .string()
    .regex(/^\d{1,15}$/, { message: "Expected a row id." })
    .optional(),
  ...pageRequest,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
/** One audit row as the viewer shows it, with the actor resolved to a user where one exists. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actor: z.object({ email: z.string(), displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
/**
 * A page of rows, newest first; nextCursor fetches the next (older) page, null on the last one.
 * nextBefore is the same position as a row id, for callers of the older ?before= form.
 */
export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
/** The chain check: ok with the number of rows, or the first row whose hash does not follow. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  brokenAt: auditEntrySchema.nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const employeeNo = employeeNumber;
/** Body of POST /api/v1/users: the account is created without a password and invited by a setup link. */
export const createUserSchema = z.object({
  email: text().toLowerCase().max(200).email(),
  displayName: text().min(1).max(100),
  roles: rolesSchema,
  personEmployeeNo: employeeNo.nullable().optional(),
  locale: z.enum(["zh-CN", "en"]).optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/**
 * Query of GET /api/v1/users: text in email, name or employee number; optional role and state; a page
 * at a time by email (cursor from the previous page's nextCursor).
 */
export const userListQuerySchema = z.object({
  q: text().max(100).optional(),
  role: roleSchema.optional(),
  state: z.enum(["enabled", "disabled", "pending"]).optional(),
  ...pageRequest,
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
/** One user as the administration pages and GET /api/v1/users show them; never a hash or token. */
export const userSummarySchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  person: z.object({ id: z.string().uuid(), employeeNo: z.string(), name: z.string() }).nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  /** The outstanding invitation or reset link, if any (expired ones too, so the admin sees they lapsed). */
  pendingSetup: z.object({ expiresAt: z.string(), expired: z.boolean() }).nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
/** A page of users: next page with ?cursor=nextCursor; null on the last page. */
export const userPageSchema = z.object({ items: z.array(userSummarySchema), nextCursor: z.string().nullable() });
/** One user with the sessions still open. */
export const userDetailSchema = userSummarySchema.extend({ openSessions: z.number().int() });
export type UserDetail = z.infer<typeof userDetailSchema>;
