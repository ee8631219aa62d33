import "server-only";
import { eq, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { persons, userRoles, users } from "@/db/schema";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { appendAudit } from "@/lib/platform/auditTrail";
import { failureDelayMs, isThrottled, recentFailures, recordAttempt } from "@/lib/auth/loginThrottle";

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
export type SignInResult = { ok: true; user: AuthenticatedUser } | { ok: false; reason: "invalid" | "throttled" };

// A fixed hash verified when the account does not exist, so timing does not reveal which emails are registered.
let dummyHash: Promise<string> | undefined;

/** Checks an email or employee number and password, with throttling and audit, and rehashes outdated hashes. */
export async function authenticate(
  db: Database,
  identifierRaw: string,
  password: string,
  ip: string,
  sleep = defaultSleep,
): Promise<SignInResult> {
  const identifier = identifierRaw.trim().toLowerCase();
  const failures = await recentFailures(db, identifier, ip);
  if (isThrottled(failures)) {
    await recordAttempt(db, identifier, ip, false);
    await appendAudit(db, {
      actorUserId: null,
      action: "auth.sign_in_throttled",
      entityType: "user",
      entityId: identifier,
      ip,
    });
    return { ok: false, reason: "throttled" };
  }
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
  dummyHash ??= hashPassword("not-a-real-password-" + Math.random());
  const valid = row?.passwordHash
    ? await verifyPassword(row.passwordHash, password)
    : (await verifyPassword(await dummyHash, password), false);
  if (!row || !valid || row.disabled) {
    await recordAttempt(db, identifier, ip, false);
    await appendAudit(db, {
      actorUserId: row?.id ?? null,
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: row?.id ?? identifier,
      ip,
    });
    await sleep(failureDelayMs(failures.account));
    return { ok: false, reason: "invalid" };
  }
  await recordAttempt(db, identifier, ip, true);
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

function defaultSleep(ms: number) {
  return ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve();
}
