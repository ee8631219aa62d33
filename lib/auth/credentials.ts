import "server-only";
import { eq, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { persons, userRoles, users } from "@/db/schema";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { appendAudit } from "@/lib/platform/auditTrail";
import { accountKey, recentFailures, recordAttempt } from "@/lib/auth/loginThrottle";
import { retryAfterMs } from "@/lib/domain/access/secondFactorPolicy";

import type { Role } from "@/lib/auth/roles";

export type { Role };

/** What a successful sign-in puts into the session token. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  sessionVersion: number;
  locale: string;
}

/** Outcome of a sign-in attempt; "invalid" never says which part was wrong. */
export type SignInResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

// A fixed hash verified when the account does not exist, so timing does not reveal which emails are registered.
let dummyHash: Promise<string> | undefined;

/**
 * Checks an email or employee number and password, with throttling and audit, and rehashes outdated hashes.
 * Failures are counted per account and per client IP; past a few, the next attempt waits (30 s, doubling,
 * at most 15 minutes) rather than being refused for good. `deviceUserId` is the user a known-device cookie
 * names: from that browser the account's wait does not apply (its IP's still does), so an attacker's
 * failures elsewhere never keep the owner out; the second factor is still asked for afterwards.
 */
export async function authenticate(
  db: Database,
  identifierRaw: string,
  password: string,
  ip: string,
  options: { deviceUserId?: string | null; now?: Date } = {},
): Promise<SignInResult> {
  const identifier = identifierRaw.trim().toLowerCase();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      locale: users.locale,
    })
    .from(users)
    .leftJoin(persons, eq(users.personId, persons.id))
    .where(or(eq(sql`lower(${users.email})`, identifier), eq(sql`lower(${persons.employeeNo})`, identifier)))
    .limit(1);
  const account = accountKey(row?.id ?? null, identifier);
  const failures = await recentFailures(db, account, ip);
  const wait = retryAfterMs({
    ...failures,
    knownDevice: row !== undefined && options.deviceUserId === row.id,
    now: options.now ?? new Date(),
  });
  if (wait > 0) {
    // Not counted as a failure: the password was not even checked, and waiting must end.
    await appendAudit(db, {
      actorUserId: null,
      action: "auth.sign_in_throttled",
      entityType: "user",
      entityId: row?.id ?? identifier,
      after: { retryAfterMs: wait },
      ip,
    });
    return { ok: false, reason: "throttled", retryAfterMs: wait };
  }
  dummyHash ??= hashPassword("not-a-real-password-" + Math.random());
  const valid = row?.passwordHash
    ? await verifyPassword(row.passwordHash, password)
    : (await verifyPassword(await dummyHash, password), false);
  if (!row || !valid || row.disabled) {
    await recordAttempt(db, account, ip, false);
    await appendAudit(db, {
      actorUserId: row?.id ?? null,
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: row?.id ?? identifier,
      ip,
    });
    return { ok: false, reason: "invalid" };
  }
  await recordAttempt(db, account, ip, true);
  if (needsRehash(row.passwordHash!)) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, row.id));
  }
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, row.id));
  const roles = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, row.id))).map(
    (r) => r.role,
  );
  await appendAudit(db, { actorUserId: row.id, action: "auth.sign_in", entityType: "user", entityId: row.id, ip });
  return {
    ok: true,
    user: {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      roles,
      sessionVersion: row.sessionVersion,
      locale: row.locale,
    },
  };
}
