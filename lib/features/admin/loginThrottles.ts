import "server-only";
import { and, desc, eq, gt, gte, inArray, max, notExists, notLike, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Database } from "@/db/client";
import { loginAttempts, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import {
  FAILURE_WINDOW_MS,
  FREE_FAILURES,
  FREE_SECOND_FACTOR_FAILURES_PER_USER,
  lockoutWaitMs,
} from "@/lib/domain/access/secondFactorPolicy";
import { appendAudit } from "@/lib/platform/auditTrail";
import { db as database } from "@/lib/platform/db";
import { isUuid, text } from "@/lib/platform/validation/common";

/** Most keys the list shows (those with the most failures first). */
export const THROTTLE_LIST_LIMIT = 200;

/** What sign-in slows down by: an account (its key) or a client IP. */
export const throttleKindSchema = z.enum(["account", "ip"]);
export type ThrottleKind = z.infer<typeof throttleKindSchema>;

/** One key with recent failures, and how long sign-in under it must wait now. */
export const loginThrottleSchema = z.object({
  kind: throttleKindSchema,
  key: z.string().describe("account:<userId> for a known user, what was typed for an unknown one, or the client IP."),
  user: z
    .object({ id: z.string().uuid(), email: z.string(), displayName: z.string() })
    .nullable()
    .describe("The account's user, when the key names one."),
  failures: z.number().int().describe("Failures within the last hour (for an account: since its last sign-in)."),
  lastFailureAt: z.string(),
  waitMs: z.number().int().describe("Milliseconds until the next attempt is heard; 0 when it is heard now."),
});
export type LoginThrottle = z.infer<typeof loginThrottleSchema>;

/** Body of DELETE /api/v1/admin/login-throttles: the key exactly as the list shows it. */
export const clearThrottleSchema = z.object({ kind: throttleKindSchema, key: text().min(1).max(320) });
export type ClearThrottleInput = z.infer<typeof clearThrottleSchema>;

/** What clearing removed. */
export const clearedThrottleSchema = z.object({
  kind: throttleKindSchema,
  key: z.string(),
  cleared: z.number().int().describe("Failed attempts removed; 0 when there were none."),
});
export type ClearedThrottle = z.infer<typeof clearedThrottleSchema>;

// Failures within one pending sign-in and of step-ups have their own limits (they end the sign-in or
// refuse the step-up), not a wait; a user's wrong second-factor codes across sign-ins do make them wait.
const OWN_LIMIT_PREFIXES = ["second-factor:%", "step-up:%"];
/** Keys naming a user, and the failures each lets through before a wait (see lib/auth). */
const USER_KEYS = [
  { prefix: "account:", free: FREE_FAILURES.account },
  { prefix: "second-factor-user:", free: FREE_SECOND_FACTOR_FAILURES_PER_USER },
];

/**
 * Keys with failed sign-ins within the window, counted as sign-in counts them (lib/auth/loginThrottle.ts):
 * an account's since its last correct password, an IP's all of them. Most failures first, at most 200.
 */
export async function listLoginThrottles(db: Database, now = new Date()): Promise<LoginThrottle[]> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const later = alias(loginAttempts, "later_success");
  const failures = sql<number>`count(*)::int`;
  const [accounts, ips] = await Promise.all([
    db
      .select({ key: loginAttempts.identifier, failures, last: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.succeeded, false),
          gt(loginAttempts.at, since),
          ...OWN_LIMIT_PREFIXES.map((p) => notLike(loginAttempts.identifier, p)),
          // A correct password resets the account's count: only failures after the last success count.
          notExists(
            db
              .select({ one: sql`1` })
              .from(later)
              .where(
                and(
                  eq(later.identifier, loginAttempts.identifier),
                  eq(later.succeeded, true),
                  gte(later.at, loginAttempts.at),
                ),
              ),
          ),
        ),
      )
      .groupBy(loginAttempts.identifier)
      .orderBy(desc(failures), desc(max(loginAttempts.at)))
      .limit(THROTTLE_LIST_LIMIT),
    db
      .select({ key: loginAttempts.ip, failures, last: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)))
      .groupBy(loginAttempts.ip)
      .orderBy(desc(failures), desc(max(loginAttempts.at)))
      .limit(THROTTLE_LIST_LIMIT),
  ]);
  const userIds = accounts.map((a) => accountUserId(a.key)).filter((id): id is string => id !== null);
  const named =
    userIds.length === 0
      ? []
      : await db
          .select({ id: users.id, email: users.email, displayName: users.displayName })
          .from(users)
          .where(inArray(users.id, userIds));
  const byId = new Map(named.map((u) => [u.id, u]));
  const entry = (kind: ThrottleKind, r: { key: string; failures: number; last: Date | null }): LoginThrottle => {
    const n = Number(r.failures);
    const last = new Date(r.last!);
    const id = kind === "account" ? accountUserId(r.key) : null;
    return {
      kind,
      key: r.key,
      user: (id && byId.get(id)) || null,
      failures: n,
      lastFailureAt: last.toISOString(),
      waitMs: Math.max(0, last.getTime() + lockoutWaitMs(n, freeFailures(kind, r.key)) - now.getTime()),
    };
  };
  return [...accounts.map((r) => entry("account", r)), ...ips.map((r) => entry("ip", r))]
    .filter((t) => t.failures >= 1)
    .sort((a, b) => b.failures - a.failures || b.lastFailureAt.localeCompare(a.lastFailureAt))
    .slice(0, THROTTLE_LIST_LIMIT);
}

/**
 * Lets sign-in under a key go ahead at once (a locked-out user on the phone to the admin): deletes that
 * key's failed attempts within the window, audited. For an IP that is every failure from it, whatever
 * account was tried. Successful attempts stay; clearing a key without failures changes nothing.
 */
export async function clearLoginThrottle(
  db: Database,
  actor: Actor,
  input: ClearThrottleInput,
  now = new Date(),
): Promise<ClearedThrottle> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const { kind, key } = input;
  const byKey = kind === "account" ? eq(loginAttempts.identifier, key) : eq(loginAttempts.ip, key);
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(loginAttempts)
      .where(and(byKey, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)))
      .returning({ at: loginAttempts.at });
    if (removed.length > 0) {
      const userId = kind === "account" ? accountUserId(key) : null;
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: "throttle.clear",
        entityType: "login_throttle",
        entityId: key,
        ip: actor.ip,
        before: {
          kind,
          key,
          failures: removed.length,
          lastFailureAt: new Date(Math.max(...removed.map((r) => new Date(r.at).getTime()))).toISOString(),
        },
        after: { kind, key, failures: 0, ...(userId ? { userId } : {}) },
      });
    }
    return { kind, key, cleared: removed.length };
  });
}

/** The throttle list for the security page: admins only. */
export async function loginThrottlesForAdmin(): Promise<LoginThrottle[]> {
  await requireUser("admin");
  return listLoginThrottles(await database());
}

/** The user id an account key names, or null for a typed identifier of no known user. */
function accountUserId(key: string): string | null {
  const known = USER_KEYS.find((k) => key.startsWith(k.prefix));
  if (!known) return null;
  const id = key.slice(known.prefix.length);
  return isUuid(id) ? id : null;
}

/** Failures a key lets through before each further attempt waits. */
function freeFailures(kind: ThrottleKind, key: string): number {
  if (kind === "ip") return FREE_FAILURES.ip;
  return USER_KEYS.find((k) => key.startsWith(k.prefix))?.free ?? FREE_FAILURES.account;
}
