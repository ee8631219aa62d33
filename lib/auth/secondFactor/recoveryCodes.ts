import "server-only";
import crypto from "node:crypto";
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT } from "@/lib/domain/access/secondFactorPolicy";
import { authSecret } from "@/lib/platform/secrets";

// Crockford's base32 without I, L, O, U: nothing to misread when typed from paper.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Ten new codes as shown to the user once (XXXXX-XXXXX, 50 random bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = crypto.randomBytes(10);
    const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * What is stored: an HMAC-SHA-256 keyed with the server's secret. The codes are random (50 bits), so a
 * slow password hash adds nothing but ten argon2 runs per attempt; the key keeps a copied table useless.
 */
export function recoveryCodeDigest(code: string): string {
  return crypto
    .createHmac("sha256", `recovery-codes:${authSecret()}`)
    .update(normaliseRecoveryCode(code))
    .digest("base64url");
}
