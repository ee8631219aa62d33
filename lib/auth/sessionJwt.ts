import "server-only";
import crypto from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";

// next-auth v4 derives its JWE key from the secret with HKDF on every decode; the key only depends on
// the secret, so it is derived once per secret and kept (the secret itself is already in memory).
const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    // Same parameters as next-auth/jwt getDerivedEncryptionKey(secret, salt = "").
    key = new Uint8Array(crypto.hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}

const CLOCK_TOLERANCE_S = 15;

/**
 * Tokens already decrypted, by token text: a browser sends the same cookie with every request, and the
 * decryption costs more than the rest of the session check's JavaScript. Only valid tokens are kept, each
 * with the secret it was opened with; the expiry is checked again on every use (the session row, read
 * from the database on every request, decides the rest). Whoever presents a token is its holder, so a
 * kept token never answers anyone it was not already readable by.
 */
const opened = new Map<string, { secret: string; payload: JWT }>();
const OPENED_LIMIT = 2000;

/** Decrypts and verifies a next-auth session token (JWE dir + A256GCM, exp checked with 15 s tolerance), or null. */
export async function decodeSessionToken(token: string, secret: string): Promise<JWT | null> {
  const kept = opened.get(token);
  if (kept && kept.secret === secret) {
    if (!stillValid(kept.payload)) {
      opened.delete(token);
      return null;
    }
    return kept.payload;
  }
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: CLOCK_TOLERANCE_S });
    if (opened.size >= OPENED_LIMIT) opened.delete(opened.keys().next().value!);
    opened.set(token, { secret, payload: Object.freeze(payload) as JWT });
    return payload as JWT;
  } catch {
    return null;
  }
}

/** The exp and nbf checks jwtDecrypt makes, for a token decrypted earlier. */
function stillValid(payload: JWT, now = Date.now() / 1000): boolean {
  if (typeof payload.exp === "number" && payload.exp + CLOCK_TOLERANCE_S < now) return false;
  if (typeof payload.nbf === "number" && payload.nbf - CLOCK_TOLERANCE_S > now) return false;
  return true;
}
