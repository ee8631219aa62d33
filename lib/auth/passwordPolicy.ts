import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { MIN_PASSWORD_LENGTH } from "./password";

/** Longest password accepted: the sign-in form refuses longer input, so a longer password could never be used. */
export const MAX_PASSWORD_LENGTH = 200;

/** Why a new password is refused, or null when it is acceptable. */
export type PasswordPolicyProblem = null | "TOO_SHORT" | "TOO_COMMON" | "TOO_LONG";

// Only entries that pass the length rule can decide anything, so the set holds those alone (about 1,500 of 49,000).
let commonPasswords: Set<string> | undefined;

function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(
    dictionary["passwords-common"].map((p) => p.toLowerCase()).filter((p) => [...p].length >= MIN_PASSWORD_LENGTH),
  );
  return commonPasswords;
}

/**
 * The rule every new password meets: at least 10 characters, at most 200, and not one of the
 * passwords people pick most (compared case-insensitively, so "Password1234" counts as common).
 */
export function passwordPolicyProblem(password: string): PasswordPolicyProblem {
  // Code points, not UTF-16 units: "密码" is two characters to the person typing it.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return "TOO_SHORT";
  if (length > MAX_PASSWORD_LENGTH) return "TOO_LONG";
  if (commonPasswordSet().has(password.toLowerCase())) return "TOO_COMMON";
  return null;
}
