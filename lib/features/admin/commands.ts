import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { persons, userRoles, userSessions, users } from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { Actor } from "@/lib/auth/actor";
import { isUuid, text } from "@/lib/platform/validation/common";
import { issueSetupLink, setPasswordWithLink, type SetupLink } from "@/lib/features/admin/passwordSetup";
import { type SetPasswordInput } from "@/lib/features/admin/schemas";
import { db as database } from "@/lib/platform/db";
import { userDetail } from "@/lib/features/admin/queries";
import { rolesSchema, type UserDetail } from "@/lib/features/admin/schemas";
import { CreateUserInput, employeeNo } from "@/lib/features/admin/schemas";

/** Body of PATCH /api/v1/users/{userId}: any of these (none changes nothing); personEmployeeNo null unlinks the person. */
export const updateUserSchema = z
  .object({
    displayName: text().min(1).max(100),
    roles: rolesSchema,
    personEmployeeNo: employeeNo.nullable(),
    disabled: z.boolean(),
  })
  .partial();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** A new account and the link handed over once (also mailed). */
export interface CreatedUser {
  user: UserDetail;
  setupLink: SetupLink;
}

/** Creates a user without a password, with roles and an optional person, and issues an invitation link. */
export async function createUser(
  db: Database,
  actor: Actor,
  input: CreateUserInput,
  origin: string,
): Promise<CreatedUser> {
  // Stored lower-case, so sign-in and SSO can compare case-insensitively against one form.
  const email = input.email.trim().toLowerCase();
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
        .limit(1);
      if (taken) throw new ApiError("EMAIL_TAKEN", "A user with this email already exists.", { userId: taken.id });
      const person = input.personEmployeeNo ? await claimPerson(tx, input.personEmployeeNo, null) : null;
      const [user] = await tx
        .insert(users)
        .values({
          email,
          displayName: input.displayName,
          personId: person?.id ?? null,
          locale: input.locale ?? "zh-CN",
        })
        .returning({ id: users.id, email: users.email, displayName: users.displayName });
      await tx.insert(userRoles).values(input.roles.map((role) => ({ userId: user!.id, role })));
      const setupLink = await issueSetupLink(tx, user!, "invitation", origin);
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: "user.create",
        entityType: "user",
        entityId: user!.id,
        ip: actor.ip,
        before: null,
        after: {
          email,
          displayName: input.displayName,
          roles: input.roles,
          personEmployeeNo: person?.employeeNo ?? null,
          disabled: false,
          setupLinkExpiresAt: setupLink.expiresAt,
        },
      });
      return { user: await userDetail(tx, user!.id), setupLink };
    });
  } catch (e) {
    // Two admins inviting the same address (or linking the same person) at once: the loser gets the same 409.
    if (uniqueViolation(e, "users_email_unique"))
      throw new ApiError("EMAIL_TAKEN", "A user with this email already exists.");
    if (uniqueViolation(e, "users_person_id_unique"))
      throw new ApiError("PERSON_ALREADY_LINKED", "This person is already linked to another user.");
    throw e;
  }
}

/**
 * Changes a user's name, roles, person link or enabled state. An admin may not take away their own
 * admin role or disable themselves, so the portal always keeps an enabled admin. Disabling bumps the
 * session version and ends every open session row: the user is signed out at their next request.
 */
export async function updateUser(
  db: Database,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
): Promise<UserDetail> {
  if (!isUuid(userId)) throw notFound("User");
  if (actor.userId === userId && input.disabled === true)
    throw new ApiError("SELF_DISABLE", "You cannot disable your own account.");
  if (actor.userId === userId && input.roles && !input.roles.includes("admin"))
    throw new ApiError("SELF_DEMOTION", "You cannot remove your own admin role.");
  try {
    return await db.transaction(async (tx) => {
      const before = await snapshot(tx, userId);
      const after = { ...before };
      if (input.displayName !== undefined && input.displayName !== before.displayName) {
        await tx.update(users).set({ displayName: input.displayName }).where(eq(users.id, userId));
        after.displayName = input.displayName;
      }
      if (input.roles && !sameRoles(input.roles, before.roles)) {
        await tx.delete(userRoles).where(eq(userRoles.userId, userId));
        await tx.insert(userRoles).values(input.roles.map((role) => ({ userId, role })));
        after.roles = [...input.roles].sort(byRoleOrder);
      }
      if (
        input.personEmployeeNo !== undefined &&
        (input.personEmployeeNo ?? null)?.toLowerCase() !== before.personEmployeeNo?.toLowerCase()
      ) {
        const person = input.personEmployeeNo ? await claimPerson(tx, input.personEmployeeNo, userId) : null;
        await tx
          .update(users)
          .set({ personId: person?.id ?? null })
          .where(eq(users.id, userId));
        after.personEmployeeNo = person?.employeeNo ?? null;
      }
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter(
        (k) => k !== "disabled" && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      if (changed.length > 0) {
        await appendAudit(tx, {
          actorUserId: actor.userId,
          action: "user.update",
          entityType: "user",
          entityId: userId,
          ip: actor.ip,
          before: pick(before, changed),
          after: pick(after, changed),
        });
      }
      if (input.disabled !== undefined && input.disabled !== before.disabled)
        await setDisabled(tx, actor, userId, input.disabled);
      return userDetail(tx, userId);
    });
  } catch (e) {
    if (uniqueViolation(e, "users_person_id_unique"))
      throw new ApiError("PERSON_ALREADY_LINKED", "This person is already linked to another user.");
    throw e;
  }
}

/** Result of an admin's password reset: the new link, shown once. */
export interface PasswordReset {
  userId: string;
  setupLink: SetupLink;
}

/**
 * Issues a fresh setup link for a user and ends their sessions. The current password hash stays until
 * the new password is set through the link, so a reset cannot be used to lock someone out.
 */
export async function resetPassword(
  db: Database,
  actor: Actor,
  userId: string,
  origin: string,
): Promise<PasswordReset> {
  if (!isUuid(userId)) throw notFound("User");
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        disabled: users.disabled,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user) throw notFound("User");
    if (user.disabled) throw new ApiError("USER_DISABLED", "Enable the account before resetting its password.");
    const setupLink = await issueSetupLink(tx, user, "reset", origin);
    await tx
      .update(users)
      .set({ sessionVersion: user.sessionVersion + 1 })
      .where(eq(users.id, userId));
    const ended = await endOpenSessions(tx, userId);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "user.password_reset",
      entityType: "user",
      entityId: userId,
      ip: actor.ip,
      before: { sessionVersion: user.sessionVersion },
      after: { sessionVersion: user.sessionVersion + 1, sessionsEnded: ended, setupLinkExpiresAt: setupLink.expiresAt },
    });
    return { userId, setupLink };
  });
}

async function setDisabled(tx: Transaction, actor: Actor, userId: string, disabled: boolean): Promise<void> {
  const [row] = await tx
    .update(users)
    .set(disabled ? { disabled, sessionVersion: sql`${users.sessionVersion} + 1` } : { disabled })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  const ended = disabled ? await endOpenSessions(tx, userId) : 0;
  await appendAudit(tx, {
    actorUserId: actor.userId,
    action: disabled ? "user.disable" : "user.enable",
    entityType: "user",
    entityId: userId,
    ip: actor.ip,
    before: { disabled: !disabled },
    after: disabled ? { disabled, sessionVersion: row!.sessionVersion, sessionsEnded: ended } : { disabled },
  });
}

async function endOpenSessions(tx: Transaction, userId: string): Promise<number> {
  const ended = await tx
    .update(userSessions)
    .set({ endedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
    .returning({ id: userSessions.id });
  return ended.length;
}

/** The person with this employee number, locked, provided no other user is linked to it. */
async function claimPerson(tx: Transaction, employeeNoRaw: string, forUserId: string | null) {
  const [person] = await tx
    .select({ id: persons.id, employeeNo: persons.employeeNo })
    .from(persons)
    .where(eq(sql`lower(${persons.employeeNo})`, employeeNoRaw.toLowerCase()))
    .for("update");
  if (!person)
    throw new ApiError("UNKNOWN_EMPLOYEE_NO", "No person has this employee number.", { employeeNo: employeeNoRaw });
  const [holder] = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.personId, person.id))
    .limit(1);
  if (holder && holder.id !== forUserId) {
    throw new ApiError("PERSON_ALREADY_LINKED", "This person is already linked to another user.", {
      employeeNo: person.employeeNo,
      userId: holder.id,
      email: holder.email,
    });
  }
  return person;
}

/** The audited attributes of a user, locked for the change. */
async function snapshot(tx: Transaction, userId: string) {
  const [row] = await tx
    .select({
      email: users.email,
      displayName: users.displayName,
      disabled: users.disabled,
      personEmployeeNo: persons.employeeNo,
    })
    .from(users)
    .leftJoin(persons, eq(persons.id, users.personId))
    .where(eq(users.id, userId))
    .for("update", { of: users });
  if (!row) throw notFound("User");
  const roles = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)))
    .map((r) => r.role)
    .sort(byRoleOrder);
  return {
    email: row.email,
    displayName: row.displayName,
    roles,
    personEmployeeNo: row.personEmployeeNo ?? null,
    disabled: row.disabled,
  };
}

const ROLE_ORDER = ["employee", "hr", "admin", "auditor", "finance"];
function byRoleOrder(a: string, b: string): number {
  return ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b);
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;
}

/** A PostgreSQL unique violation (23505) on the named constraint, through either driver's error wrapping. */
function uniqueViolation(e: unknown, constraintName: string): boolean {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } } | null;
  const code = err?.code ?? err?.cause?.code;
  const constraint = err?.constraint ?? err?.cause?.constraint;
  return code === "23505" && constraint === constraintName;
}

/**
 * The set-password page's command: sets a password through a one-time link. Public on purpose: holding
 * the link (256 random bits, 72 hours, one use) is the proof, so it needs no session.
 */
export async function setPasswordThroughLink(input: SetPasswordInput, ip: string | null): Promise<{ email: string }> {
  return setPasswordWithLink(await database(), input, ip);
}
