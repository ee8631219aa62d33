import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { loginAttempts, users, userSessions } from "@/db/schema";
import { FAILURE_WINDOW_MS, isStepUpFresh, MAX_SECOND_FACTOR_FAILURES } from "@/lib/domain/access/secondFactorPolicy";
import { appendAudit } from "@/lib/platform/auditTrail";
import { ApiError } from "@/lib/platform/errors/apiError";
import { verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { hasFactor } from "./factorStore";
import { checkProof, proofSchema } from "./proofs";

/** What the step-up check reads of the caller. */
export type StepUpSubject = Pick<SessionUser, "id" | "apiTokenId" | "signedInAt" | "secondFactorAt">;

/**
 * Refuses a sensitive action (decrypting ID numbers, creating users or tokens, changing roles, confirming
 * a corporate action...) unless the session proved itself within 10 minutes: with a second factor, or,
 * for a user still in the grace period without one, with the password. An API token is its own factor.
 */
export async function requireFreshProof(db: Database, user: StepUpSubject, now = new Date()): Promise<void> {
  if (user.apiTokenId) return;
  const last = (await hasFactor(db, user.id)) ? user.secondFactorAt : latest(user.signedInAt, user.secondFactorAt);
  if (!isStepUpFresh(last, now)) throw new ApiError("STEP_UP_REQUIRED");
}

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** What a step-up offers: a second factor, or the password when the user has no factor yet. */
export const stepUpSchema = z.discriminatedUnion("method", [
  ...proofSchema.options,
  z.object({ method: z.literal("password"), password: z.string().min(1).max(200) }),
]);
export type StepUp = z.infer<typeof stepUpSchema>;

/** Proves the session again; the next 10 minutes of sensitive actions are then allowed. */
export async function stepUp(db: Database, req: Request, user: SessionUser, input: StepUp, ip: string | null) {
  if (!user.sessionId) throw new ApiError("TOKEN_NOT_ALLOWED");
  const key = `step-up:${user.id}`;
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  const [failed] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.identifier, key), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  if (Number(failed?.n ?? 0) >= MAX_SECOND_FACTOR_FAILURES) throw new ApiError("TOO_MANY_ATTEMPTS");
  const enrolled = await hasFactor(db, user.id);
  let ok = false;
  if (input.method === "password") {
    // The password stands in only while the user has no second factor (the grace period).
    if (!enrolled) {
      const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
      ok = row?.hash ? await verifyPassword(row.hash, input.password) : false;
    }
  } else {
    ok = (await checkProof(db, req, user.sessionId, user.id, input)) !== null;
  }
  if (!ok) {
    await db.insert(loginAttempts).values({ identifier: key, ip: ip ?? "local", succeeded: false });
    await appendAudit(db, {
      actorUserId: user.id,
      action: "auth.step_up_failed",
      entityType: "user",
      entityId: user.id,
      after: { method: input.method },
      ip,
    });
    throw new ApiError("SECOND_FACTOR_INVALID");
  }
  const at = new Date();
  await db.update(userSessions).set({ secondFactorAt: at }).where(eq(userSessions.id, user.sessionId));
  await appendAudit(db, {
    actorUserId: user.id,
    action: "auth.step_up",
    entityType: "user",
    entityId: user.id,
    after: { method: input.method },
    ip,
  });
  return { secondFactorAt: at.toISOString() };
}
