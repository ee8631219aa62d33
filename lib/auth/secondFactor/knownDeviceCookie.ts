import "server-only";
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_S } from "./signInFlow";

/** The Set-Cookie header that remembers this browser (HttpOnly, SameSite=Lax, Secure behind HTTPS). */
export function knownDeviceCookie(req: Request, token: string): string {
  const https = new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  return [
    `${KNOWN_DEVICE_COOKIE}=${token}`,
    "Path=/",
    `Max-Age=${KNOWN_DEVICE_MAX_AGE_S}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(https ? ["Secure"] : []),
  ].join("; ");
}
