import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { itemsOf } from "@/lib/features/openapi/schemas/primitives";
import { apiTokenSummarySchema, createApiTokenSchema, createdApiTokenSchema } from "@/lib/features/admin/schemas";
import { auditPageSchema, auditQuerySchema, auditVerificationSchema } from "@/lib/features/admin/schemas";
import { updateUserSchema } from "@/lib/features/admin/commands";
import { createUserSchema } from "@/lib/features/admin/schemas";
import { userDetailSchema, userListQuerySchema, userPageSchema } from "@/lib/features/admin/schemas";
import { uuid } from "@/lib/platform/validation/common";

const userParams = z.object({ userId: uuid });
const tokenParams = z.object({ tokenId: uuid });

/** A one-time password-setup link: returned once, and mailed to the user. */
const setupLinkSchema = z.object({
  url: z.string().describe("/set-password?token=... on the portal's origin; works once."),
  expiresAt: z.string().describe("72 hours after issue (ISO 8601, UTC)."),
});

const refused = (description: string) => ({ description });

/** Users and roles, API tokens, and the audit trail. */
export const adminOperations = {
  listUsers: {
    method: "get",
    path: "/api/v1/users",
    operationId: "listUsers",
    summary: "Users with roles, linked person, last sign-in and outstanding setup link",
    tags: ["Users"],
    access: "adminOnly",
    query: userListQuerySchema,
    responses: {
      200: {
        description:
          "One page of users by email (50 unless limit says, at most 200); pass nextCursor as cursor for the next.",
        schema: userPageSchema,
      },
      400: refused("An unknown role or state, or a cursor this list did not hand out (BAD_REQUEST)."),
    },
  },
  createUser: {
    method: "post",
    path: "/api/v1/users",
    operationId: "createUser",
    summary: "Creates a user without a password and issues a one-time setup link (72 h), also mailed",
    tags: ["Users"],
    access: "adminOnly",
    stepUp: true,
    sessionOnly: true,
    body: createUserSchema,
    responses: {
      201: {
        description: "The user, and the setup link shown this once.",
        schema: z.object({ user: userDetailSchema, setupLink: setupLinkSchema }),
      },
      409: refused("The email is taken (EMAIL_TAKEN) or the person is linked to another user (PERSON_ALREADY_LINKED)."),
      422: refused("No person has this employee number (UNKNOWN_EMPLOYEE_NO)."),
    },
  },
  getUser: {
    method: "get",
    path: "/api/v1/users/{userId}",
    operationId: "getUser",
    summary: "One user with the number of open sessions",
    tags: ["Users"],
    access: "adminOnly",
    params: userParams,
    responses: {
      200: { description: "The user.", schema: userDetailSchema },
      404: refused("No such user (NOT_FOUND)."),
    },
  },
  updateUser: {
    method: "patch",
    path: "/api/v1/users/{userId}",
    operationId: "updateUser",
    summary: "Changes name, roles, person link or enabled state; disabling ends every session",
    tags: ["Users"],
    access: "adminOnly",
    sessionOnly: true,
    params: userParams,
    body: updateUserSchema,
    responses: {
      200: { description: "The user after the change.", schema: userDetailSchema },
      404: refused("No such user (NOT_FOUND)."),
      409: refused(
        "Own admin role removed (SELF_DEMOTION), own account disabled (SELF_DISABLE), or the person is linked to another user (PERSON_ALREADY_LINKED).",
      ),
      422: refused("No person has this employee number (UNKNOWN_EMPLOYEE_NO)."),
    },
  },
  resetUserPassword: {
    method: "post",
    path: "/api/v1/users/{userId}/password-reset",
    operationId: "resetUserPassword",
    summary: "Issues a fresh setup link and ends the user's sessions; the old password works until a new one is set",
    tags: ["Users"],
    access: "adminOnly",
    sessionOnly: true,
    params: userParams,
    responses: {
      201: {
        description: "The new setup link, shown this once.",
        schema: z.object({ userId: z.string().uuid(), setupLink: setupLinkSchema }),
      },
      404: refused("No such user (NOT_FOUND)."),
      409: refused("The account is disabled (USER_DISABLED)."),
    },
  },
  listApiTokens: {
    method: "get",
    path: "/api/v1/api-tokens",
    operationId: "listApiTokens",
    summary: "Every API token, revoked ones included; never the token or its hash",
    tags: ["API tokens"],
    access: "adminOnly",
    responses: { 200: { description: "Tokens, newest first.", schema: itemsOf(apiTokenSummarySchema) } },
  },
  createApiToken: {
    method: "post",
    path: "/api/v1/api-tokens",
    operationId: "createApiToken",
    summary: "Creates a token acting as an enabled user with only the given role",
    tags: ["API tokens"],
    access: "adminOnly",
    stepUp: true,
    sessionOnly: true,
    body: createApiTokenSchema,
    responses: {
      201: { description: "The token (vd_..., shown this once) and its record.", schema: createdApiTokenSchema },
      422: refused(
        "Unknown user (UNKNOWN_USER), disabled user (OWNER_DISABLED), or the user lacks the role (OWNER_LACKS_ROLE).",
      ),
    },
  },
  revokeApiToken: {
    method: "delete",
    path: "/api/v1/api-tokens/{tokenId}",
    operationId: "revokeApiToken",
    summary: "Revokes a token; revoking again answers the same record",
    tags: ["API tokens"],
    access: "adminOnly",
    sessionOnly: true,
    params: tokenParams,
    responses: {
      200: { description: "The revoked token.", schema: apiTokenSummarySchema },
      404: refused("No such token (NOT_FOUND)."),
    },
  },
  listAuditLog: {
    method: "get",
    path: "/api/v1/audit-log",
    operationId: "listAuditLog",
    summary: "Audit rows, newest first, 50 per page unless limit says (keyset by id)",
    tags: ["Audit"],
    access: "adminOrAuditor",
    query: auditQuerySchema,
    responses: {
      200: {
        description: "A page; pass nextCursor as cursor for the next one (nextBefore as before= still works).",
        schema: auditPageSchema,
      },
      400: refused("An invalid date, a cursor this list did not hand out, or from after to (BAD_REQUEST)."),
    },
  },
  verifyAuditLog: {
    method: "get",
    path: "/api/v1/audit-log/verify",
    operationId: "verifyAuditLog",
    summary: "Recomputes the audit hash chain",
    tags: ["Audit"],
    access: "adminOrAuditor",
    responses: {
      200: {
        description: "ok and the row count, or the first row whose hash does not follow.",
        schema: auditVerificationSchema,
      },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(adminOperations);
