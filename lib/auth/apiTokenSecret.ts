import "server-only";
import crypto from "node:crypto";

/** Every API token starts with this, so secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = "vd_";

/** A new random token (shown once), its SHA-256 (stored) and the prefix kept for display. */
export function newApiToken(): { token: string; hash: string; displayPrefix: string } {
  const token = API_TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), displayPrefix: token.slice(0, 10) };
}

/** Tokens are high-entropy random strings, so a plain SHA-256 is enough to store them (no salt or slow hash needed). */
export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The bearer token of an Authorization header, or null when there is none or it is not one of ours. */
export function bearerToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m || !m[1]!.startsWith(API_TOKEN_PREFIX) || m[1]!.length > 200) return null;
  return m[1]!;
}
