import "server-only";
import { ApiError, forbidden, unauthenticated } from "@/lib/platform/errors/apiError";
import { currentUser, pendingSignIn, requireUser, type SessionUser } from "@/lib/auth/session";
import { ACCESS_ROLES, type Access } from "./access";

/**
 * The caller admitted by `access`: null for a public entry point, else the signed-in user holding one of
 * its roles (401 / 403 otherwise). `sessionOnly` refuses API tokens: managing users and tokens takes a
 * signed-in person, so a leaked token cannot make itself permanent.
 */
export async function authorize(access: Access, sessionOnly = false): Promise<SessionUser | null> {
  if (access === "secondFactorPending") {
    // Only the sign-in that owes its factor: a complete session is refused, an absent one is anonymous.
    if ((await pendingSignIn())?.state === "pending") return null;
    throw (await currentUser()) ? forbidden() : unauthenticated();
  }
  if (access === "enrolment") {
    if ((await pendingSignIn())?.state === "enrol") return null;
    const user = await requireUser();
    if (user.apiTokenId) throw new ApiError("TOKEN_NOT_ALLOWED", "This needs a signed-in user, not an API token.");
    return user;
  }
  const roles = ACCESS_ROLES[access];
  // A public entry point does not read the session: it answers the same for everyone.
  if (roles === null) return null;
  const user = await requireUser(...roles);
  if (sessionOnly && user.apiTokenId) {
    throw new ApiError("TOKEN_NOT_ALLOWED", "This needs a signed-in user, not an API token.");
  }
  return user;
}
