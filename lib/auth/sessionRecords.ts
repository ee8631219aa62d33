import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { userSessions } from "@/db/schema";

/** A session ends after 30 minutes without a request (and in any case 12 hours after sign-in). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** last_seen_at is written at most this often per session, so reads do not turn into writes. */
export const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

/**
 * Records a new signed-in session and returns its id, which the JWT carries. A session still owing its
 * second factor ("pending", or "enrol" past the grace period) grants nothing until it is given.
 */
export async function startUserSession(
  db: Database,
  userId: string,
  ip: string | null,
  secondFactorState: "pending" | "enrol" | "complete" = "complete",
  method: "password" | "oidc" = "password",
): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({ userId, ip, secondFactorState, factors: [method] })
    .returning({ id: userSessions.id });
  return row!.id;
}

/** Ends one session (sign-out); later requests with its JWT are refused. */
export async function endUserSession(db: Database, sessionId: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ endedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.endedAt)));
}

/** Whether a session seen last at `lastSeenAt` is still alive at `now`. */
export function sessionIsLive(session: { lastSeenAt: Date; endedAt: Date | null }, now: number): boolean {
  return session.endedAt === null && now - session.lastSeenAt.getTime() <= IDLE_TIMEOUT_MS;
}
