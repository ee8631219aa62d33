import "server-only";
import { pendingSignIn, type SessionUser } from "@/lib/auth/session";
import { unauthenticated } from "@/lib/platform/errors/apiError";
import type { Enrollee } from "./enrolment";

/** The signed-in user (or the sign-in held at enrolment) as the enrolment steps name them. */
export async function enrolleeFor(user: SessionUser | null, ip: string | null): Promise<Enrollee> {
  if (user?.sessionId) {
    return {
      sessionId: user.sessionId,
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      ip,
    };
  }
  const pending = await pendingSignIn();
  if (pending?.state !== "enrol") throw unauthenticated();
  return { ...pending, ip };
}

/** The sign-in that owes its second factor (route access "secondFactorPending" already checked it). */
export async function pendingFor() {
  const pending = await pendingSignIn();
  if (pending?.state !== "pending") throw unauthenticated();
  return pending;
}
