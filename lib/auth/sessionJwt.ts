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

/** Decrypts and verifies a next-auth session token (JWE dir + A256GCM, exp checked with 15 s tolerance), or null. */
export async function decodeSessionToken(token: string, secret: string): Promise<JWT | null> {
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: 15 });
    return payload as JWT;
  } catch {
    return null;
  }
}
