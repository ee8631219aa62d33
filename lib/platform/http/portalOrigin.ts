import "server-only";
import { headers } from "next/headers";

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
