import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loginAttempts } from "@/db/schema";

/** Failed attempts per account within the window before sign-in is refused outright. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** Failed attempts per IP within the window before sign-in is refused outright. */
export const MAX_FAILURES_PER_IP = 50;
/** Sliding window for counting failures. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

/** Counts recent failures; kept in the database so the limit holds across instances. */
export async function recentFailures(db: Database, identifier: string, ip: string, now = new Date()) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [byAccount] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(eq(loginAttempts.identifier, identifier), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)),
    );
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return { account: Number(byAccount?.n ?? 0), ip: Number(byIp?.n ?? 0) };
}

/** True when this account or IP has used up its failed attempts. */
export function isThrottled(failures: { account: number; ip: number }): boolean {
  return failures.account >= MAX_FAILURES_PER_ACCOUNT || failures.ip >= MAX_FAILURES_PER_IP;
}

/** Growing delay before answering a failed attempt, so guessing is slow: 0, 0, 0, 250 ms, 500 ms ... capped at 4 s. */
export function failureDelayMs(failuresSoFar: number): number {
  if (failuresSoFar < 3) return 0;
  return Math.min(4000, 250 * 2 ** (failuresSoFar - 3));
}

/** Records one attempt. */
export async function recordAttempt(db: Database, identifier: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ identifier, ip, succeeded });
}
