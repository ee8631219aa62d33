import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { grants, notifications, users } from "@/db/schema";
import { type Locale } from "@/i18n/locales";
import { appendAudit } from "@/lib/platform/auditTrail";
import { db } from "@/lib/platform/db";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";
import { isUuid } from "@/lib/platform/validation/common";
import { markNoticeRead } from "@/lib/features/notices/notices";
import { hashPassword, newPasswordProblems, verifyPassword } from "@/lib/auth/password";
import { passwordPolicyProblem, type PasswordPolicyProblem } from "@/lib/auth/passwordPolicy";
import { currentUser, requireUser, type SessionUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import { changePasswordSchema } from "@/lib/features/me/schemas";

/** The policy's verdicts as the form's message keys under "account". */
const POLICY_KEYS: Record<Exclude<PasswordPolicyProblem, null>, string> = {
  TOO_SHORT: "tooShort",
  TOO_COMMON: "tooCommon",
  TOO_LONG: "tooLong",
};

/**
 * Changes the signed-in user's own password. Answers the problems as message keys under "account"
 * (empty when changed); bumping the session version signs out every other session, audited in the
 * same transaction.
 */
export async function changeOwnPassword(
  database: Database,
  user: SessionUser,
  actor: Actor,
  input: z.infer<typeof changePasswordSchema>,
): Promise<string[]> {
  const { current, next, confirm } = input;
  if (next !== confirm) return ["mismatch"];
  // The shared policy (length, the 49k common-password list) plus this form's own email-name check.
  const policy = passwordPolicyProblem(next);
  const problems = [
    ...new Set([...(policy ? [POLICY_KEYS[policy]] : []), ...newPasswordProblems(next, { email: user.email })]),
  ];
  if (problems.length) return problems;
  const [row] = await database.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.hash || !(await verifyPassword(row.hash, current))) return ["wrongCurrent"];
  const hash = await hashPassword(next);
  await database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "auth.password_changed",
      entityType: "user",
      entityId: user.id,
      ip: actor.ip,
    });
  });
  return [];
}

/**
 * Keeps the interface language on the signed-in user's record (the cookie alone serves anyone else).
 * Reads the session itself: switching the language is open to anonymous visitors too.
 */
export async function rememberLocale(locale: Locale): Promise<void> {
  const user = await currentUser();
  if (user) await (await db()).update(users).set({ locale }).where(eq(users.id, user.id));
}

/** The grantee confirms a grant; idempotent, audit-logged; someone else's grant is 404. */
export async function acceptGrant(
  grantId: string,
  ip: string | null = null,
): Promise<{ id: string; acceptedAt: string }> {
  const user = await requireUser();
  if (!isUuid(grantId) || !user.personId) throw notFound("Grant");
  const database = await db();
  return database.transaction(async (tx) => {
    const [grant] = await tx
      .select({
        id: grants.id,
        acceptedAt: grants.acceptedAt,
        voided: sql<boolean>`NOT ${batchNotVoided(grants.batchId)}`,
      })
      .from(grants)
      .where(and(eq(grants.id, grantId), eq(grants.personId, user.personId!)));
    if (!grant) throw notFound("Grant");
    // A grant recorded by mistake and voided is not the grantee's to confirm.
    if (grant.voided) throw new ApiError("GRANT_VOIDED", "This grant was voided; there is nothing to confirm.");
    if (grant.acceptedAt) return { id: grant.id, acceptedAt: grant.acceptedAt.toISOString() };
    const now = new Date();
    await tx
      .update(grants)
      .set({ acceptedAt: now })
      .where(and(eq(grants.id, grantId), isNull(grants.acceptedAt)));
    // The "please confirm" notice has done its job.
    await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.dedupeKey, `grant_to_accept:${grantId}`), isNull(notifications.readAt)));
    await appendAudit(tx, {
      actorUserId: user.id,
      action: "grant.accepted",
      entityType: "grant",
      entityId: grantId,
      before: { acceptedAt: null },
      after: { acceptedAt: now.toISOString() },
      ip,
    });
    return { id: grant.id, acceptedAt: now.toISOString() };
  });
}

/** Marks one of the signed-in user's notices read; another user's notice is 404. */
export async function readNotice(noticeId: string): Promise<void> {
  const user = await requireUser();
  if (!isUuid(noticeId)) throw notFound("Notice");
  await markNoticeRead(await db(), user.id, noticeId);
}
