import "server-only";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { ApiError } from "@/lib/platform/errors/apiError";
import { clientIp } from "@/lib/platform/http/apiResponse";
import { actorOf, type Actor } from "@/lib/auth/actor";

/**
 * The admin behind an API request, as an actor for the audit trail; 401/403 otherwise. Managing users
 * and tokens takes a signed-in admin: an API token, even an admin-scoped one, may not mint more tokens
 * or change roles, so a leaked token cannot make itself permanent.
 */
export async function adminActor(req: Request): Promise<Actor> {
  const user = await requireUser("admin");
  if (user.apiTokenId) throw new ApiError(403, "TOKEN_NOT_ALLOWED", "User and token administration needs a signed-in administrator, not an API token.");
  return actorOf(user, clientIp(req));
}

/** Admins and auditors may read the audit trail; 401/403 for anyone else. */
export async function requireOversight(): Promise<void> {
  await requireUser("admin", "auditor");
}

/**
 * The origin links in invitation mails point to: NEXTAUTH_URL when set (the address users reach the
 * portal at, behind any proxy), else the origin the request came in on.
 */
export function portalOrigin(fallback: string): string {
  return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : fallback;
}

/** The portal origin inside a server action, from NEXTAUTH_URL or the request's (forwarded) host. */
export async function actionOrigin(): Promise<string> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return portalOrigin(`${proto}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`);
}
