import "server-only";
import { ApiError } from "@/lib/platform/errors/apiError";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { ACCESS_ROLES, type Access } from "./access";

/**
 * The caller admitted by `access`: null for a public entry point, else the signed-in user holding one of
 * its roles (401 / 403 otherwise). `sessionOnly` refuses API tokens: managing users and tokens takes a
 * signed-in person, so a leaked token cannot make itself permanent.
 */
export async function authorize(access: Access, sessionOnly = false): Promise<SessionUser | null> {
  const roles = ACCESS_ROLES[access];
  // A public entry point does not read the session: it answers the same for everyone.
  if (roles === null) return null;
  const user = await requireUser(...roles);
  if (sessionOnly && user.apiTokenId) {
    throw new ApiError("TOKEN_NOT_ALLOWED", "This needs a signed-in user, not an API token.");
  }
  return user;
}
