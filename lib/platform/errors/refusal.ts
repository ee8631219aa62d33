import "server-only";
import type { RuleViolation } from "@/lib/domain/errors";
import { ApiError } from "@/lib/platform/errors/apiError";

/**
 * Refuses a change that breaks plan rules: 422 with the first rule's code and message, and every
 * violation in `details.violations`, so a form can show all of them at once.
 */
export function refuse(violations: RuleViolation[]): never {
  const first = violations[0]!;
  // Rule codes answer 422 by the code table.
  throw new ApiError(first.code, first.message, { ...first.details, violations });
}

/** Throws when any violation is present; otherwise does nothing. */
export function refuseIfAny(violations: RuleViolation[]): void {
  if (violations.length > 0) refuse(violations);
}
