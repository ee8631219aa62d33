import "server-only";
import crypto from "node:crypto";
import { and, count, eq, gt, max, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { knownDevices, loginAttempts, securitySettings, users, userSessions } from "@/db/schema";
import {
  enrolmentDeadline,
  FAILURE_WINDOW_MS,
  FREE_SECOND_FACTOR_FAILURES_PER_USER,
  lockoutWaitMs,
  MAX_SECOND_FACTOR_FAILURES,
  secondFactorStep,
  type SecondFactorStep,
} from "@/lib/domain/access/secondFactorPolicy";
import { appendAudit } from "@/lib/platform/auditTrail";
import { ApiError } from "@/lib/platform/errors/apiError";
import type { PendingSignIn } from "@/lib/auth/session";
import { endUserSession } from "@/lib/auth/sessionRecords";
import { hasFactor } from "./factorStore";
import { checkProof, type Proof } from "./proofs";

/** The cookie naming a browser that completed a sign-in with its second factor. */
export const KNOWN_DEVICE_COOKIE = "vd_device";
/** How long a browser stays known: 180 days. */
export const KNOWN_DEVICE_MAX_AGE_S = 180 * 24 * 60 * 60;

const digest = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");

/** The admins' setting: days of grace and the moment they are counted from. */
export async function securitySettingsOf(db: Database): Promise<{ staffGraceDays: number; graceFrom: Date }> {
  const [row] = await db
    .select({ staffGraceDays: securitySettings.staffGraceDays, graceFrom: securitySettings.graceFrom })
    .from(securitySettings)
    .where(eq(securitySettings.id, 1));
  return row ?? { staffGraceDays: 14, graceFrom: new Date(0) };
}

/** When a staff user without a factor has to enrol, or null when they need none. */
export async function enrolmentDeadlineOf(db: Database, userId: string): Promise<Date> {
  const settings = await securitySettingsOf(db);
  const [user] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  return enrolmentDeadline({
    userCreatedAt: user?.createdAt ?? new Date(),
    graceFrom: settings.graceFrom,
    graceDays: settings.staffGraceDays,
  });
}

/** Where a correct password leads this user now. */
export async function signInStep(db: Database, user: { id: string; roles: string[] }): Promise<SecondFactorStep> {
  return secondFactorStep({
    roles: user.roles,
    hasFactor: await hasFactor(db, user.id),
    deadline: await enrolmentDeadlineOf(db, user.id),
    now: new Date(),
  });
}

/** The user a known-device cookie belongs to, or null. */
export async function knownDeviceUser(db: Database, token: string | undefined | null): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .update(knownDevices)
    .set({ lastUsedAt: new Date() })
    .where(eq(knownDevices.tokenDigest, digest(token)))
    .returning({ userId: knownDevices.userId });
  return row?.userId ?? null;
}

const sessionFailureKey = (sessionId: string) => `second-factor:${sessionId}`;
// Per user as well: a new password sign-in must not buy five more guesses at the code.
const userFailureKey = (userId: string) => `second-factor-user:${userId}`;

async function failuresOf(db: Database, key: string): Promise<{ failures: number; lastFailureAt: Date | null }> {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  const [row] = await db
    .select({ n: count(), last: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.identifier, key), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return { failures: Number(row?.n ?? 0), lastFailureAt: row?.last ? new Date(row.last) : null };
}

/**
 * Completes a pending sign-in with a second factor: TOTP code (once each), recovery code (once each) or
 * passkey. Five wrong answers end the sign-in (the password must be given again). Returns the
 * known-device token to set as a cookie.
 */
export async function completeSecondFactor(
  db: Database,
  req: Request,
  pending: PendingSignIn,
  proof: Proof,
  ip: string | null,
): Promise<{ deviceToken: string; method: string }> {
  if (pending.state !== "pending") throw new ApiError("SECOND_FACTOR_REQUIRED", "Set up a second factor first.");
  if ((await failuresOf(db, sessionFailureKey(pending.sessionId))).failures >= MAX_SECOND_FACTOR_FAILURES) {
    await endUserSession(db, pending.sessionId);
    throw new ApiError("TOO_MANY_ATTEMPTS");
  }
  // Wrong codes across sign-ins slow the next answer down (30 s doubling, at most 15 minutes).
  const byUser = await failuresOf(db, userFailureKey(pending.userId));
  const wait = byUser.lastFailureAt
    ? byUser.lastFailureAt.getTime() + lockoutWaitMs(byUser.failures, FREE_SECOND_FACTOR_FAILURES_PER_USER) - Date.now()
    : 0;
  if (wait > 0) throw new ApiError("TOO_MANY_ATTEMPTS", `Wait ${Math.ceil(wait / 1000)} s before the next code.`);
  const method = await checkProof(db, req, pending.sessionId, pending.userId, proof);
  if (!method) {
    await db.insert(loginAttempts).values([
      { identifier: sessionFailureKey(pending.sessionId), ip: ip ?? "local", succeeded: false },
      { identifier: userFailureKey(pending.userId), ip: ip ?? "local", succeeded: false },
    ]);
    // The fifth wrong answer ends this sign-in: the password must be given again.
    if ((await failuresOf(db, sessionFailureKey(pending.sessionId))).failures >= MAX_SECOND_FACTOR_FAILURES)
      await endUserSession(db, pending.sessionId);
    await appendAudit(db, {
      actorUserId: pending.userId,
      action: "auth.second_factor_failed",
      entityType: "user",
      entityId: pending.userId,
      after: { method: proof.method },
      ip,
    });
    throw new ApiError("SECOND_FACTOR_INVALID");
  }
  return db.transaction(async (tx) => {
    await tx
      .update(userSessions)
      .set({
        secondFactorState: "complete",
        factors: sql`array_append(${userSessions.factors}, ${method}::text)`,
        secondFactorAt: new Date(),
      })
      .where(eq(userSessions.id, pending.sessionId));
    await appendAudit(tx, {
      actorUserId: pending.userId,
      action: "auth.second_factor",
      entityType: "user",
      entityId: pending.userId,
      after: { method },
      ip,
    });
    const token = crypto.randomBytes(32).toString("base64url");
    await tx.insert(knownDevices).values({ userId: pending.userId, tokenDigest: digest(token) });
    return { deviceToken: token, method };
  });
}
