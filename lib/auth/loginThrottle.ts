import "server-only";
import { and, count, eq, gt, max } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import { FAILURE_WINDOW_MS } from "@/lib/domain/access/secondFactorPolicy";

/** Failures of one key within the window, and when the last one was. */
export interface FailureCount {
  failures: number;
  lastFailureAt: Date | null;
}

/** The key an account's failures are counted under: its user id when known, else what was typed. */
export function accountKey(userId: string | null, identifier: string): string {
  return userId ? `account:${userId}` : identifier;
}

async function countFailures(
  db: Database,
  where: ReturnType<typeof eq>,
  now: Date,
  resetBySuccess: boolean,
): Promise<FailureCount> {
  let since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  if (resetBySuccess) {
    const [ok] = await db
      .select({ last: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)));
    if (ok?.last) since = new Date(ok.last);
  }
  const [row] = await db
    .select({ n: count(), last: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return { failures: Number(row?.n ?? 0), lastFailureAt: row?.last ? new Date(row.last) : null };
}

/**
 * Recent failures per account (since its last correct password) and per client IP (successes there do not
 * wipe them: an attacker's own account must not reset the count); kept in the database for all instances.
 */
export async function recentFailures(db: Database, account: string, ip: string, now = new Date()) {
  const [byAccount, byIp] = await Promise.all([
    countFailures(db, eq(loginAttempts.identifier, account), now, true),
    countFailures(db, eq(loginAttempts.ip, ip), now, false),
  ]);
  return { account: byAccount, ip: byIp };
}

/** Records one attempt under the account's key. */
export async function recordAttempt(db: Database, account: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ identifier: account, ip, succeeded });
}
