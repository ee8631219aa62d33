import "server-only";
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
  // Length and the common-password corpus are passwordPolicyProblem's; these are the portal's own additions.
  const problems: string[] = [];
  if (context.email && password.toLowerCase().includes(context.email.split("@")[0]!.toLowerCase()))
    problems.push("containsEmail");
  if (PORTAL_PASSWORDS.has(password.toLowerCase())) problems.push("tooCommon");
  return problems;
}

// Passwords printed in this project's README and demo banner: never acceptable as a real password.
const PORTAL_PASSWORDS = new Set(["vesting-demo", "vestingdesk", "vesting-desk", "vestingdesk123"]);
