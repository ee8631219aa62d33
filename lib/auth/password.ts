import { hash, verify } from "@node-rs/argon2";

/** argon2id parameters (OWASP minimum: m = 19 MiB, t = 2, p = 1). */
export const PASSWORD_HASH_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** Minimum password length for new passwords. */
export const MIN_PASSWORD_LENGTH = 10;

// Algorithm is a const enum in the binding's typings; 2 is Argon2id.
const ARGON2ID = 2;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...PASSWORD_HASH_PARAMS });
}

/** Verifies a password against a stored hash; false on any malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's and should be rehashed at login. */
export function needsRehash(storedHash: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!m) return true;
  return (
    Number(m[1]) !== PASSWORD_HASH_PARAMS.memoryCost ||
    Number(m[2]) !== PASSWORD_HASH_PARAMS.timeCost ||
    Number(m[3]) !== PASSWORD_HASH_PARAMS.parallelism
  );
}

/** Reasons a new password is refused, as message keys; empty when acceptable. */
export function newPasswordProblems(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push("tooShort");
  if (context.email && password.toLowerCase().includes(context.email.split("@")[0]!.toLowerCase())) problems.push("containsEmail");
  if (COMMON_PASSWORDS.has(password.toLowerCase())) problems.push("tooCommon");
  return problems;
}

// A short bundled list; #7 extends it to a larger common-password corpus.
const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "123456789a", "password123", "password1234", "qwertyuiop", "1q2w3e4r5t",
  "iloveyou123", "administrator", "passw0rd123", "welcome123", "abc1234567", "a123456789", "qwerty12345",
  "1qaz2wsx3edc", "zaq12wsxcde", "woaini1314", "aa123456789", "0987654321", "1111111111", "0000000000",
  "changeme123", "letmein1234", "vesting-demo",
]);
