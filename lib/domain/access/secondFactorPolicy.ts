/**
 * When a second factor is owed, how fresh it must be, and how sign-in slows down after failures.
 *
 * Sources: GB/T 22239-2019 (MLPS 2.0) Level 3, 8.1.4.1 d) — administrators authenticate with two or more
 * factors, one of them cryptographic; 8.1.4.1 b) — failed logins end the session, limit attempts and log
 * out after a time. OWASP ASVS 5.0 V6.3 (multi-factor for privileged accounts), V6.1.1 (throttling that
 * does not let an attacker lock a victim out) and V6.6 (re-authentication before sensitive actions).
 */

/** Roles whose holders must sign in with a second factor: everyone who sees company-wide data. */
export const SECOND_FACTOR_ROLES = ["hr", "admin", "auditor", "finance"] as const;

/** True when one of the roles requires a second factor. */
export function requiresSecondFactor(roles: readonly string[]): boolean {
  return roles.some((r) => (SECOND_FACTOR_ROLES as readonly string[]).includes(r));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The moment a staff user without a factor must enrol before signing in: the grace period counted from
 * the later of the user's creation and the setting's start (so an upgrade does not lock out old accounts).
 */
export function enrolmentDeadline(input: { userCreatedAt: Date; graceFrom: Date; graceDays: number }): Date {
  const start = Math.max(input.userCreatedAt.getTime(), input.graceFrom.getTime());
  return new Date(start + Math.max(0, input.graceDays) * DAY_MS);
}

/** What a sign-in with a correct password leads to. */
export type SecondFactorStep = "pending" | "enrol" | "complete";

/**
 * A user with a factor always gives it ("pending"); a staff user without one signs in with the password
 * alone until the deadline, then goes straight to enrolment; others (employees) need none.
 */
export function secondFactorStep(input: {
  roles: readonly string[];
  hasFactor: boolean;
  deadline: Date;
  now: Date;
}): SecondFactorStep {
  if (input.hasFactor) return "pending";
  if (!requiresSecondFactor(input.roles)) return "complete";
  return input.now.getTime() >= input.deadline.getTime() ? "enrol" : "complete";
}

/** How long a second factor (or, without one, the sign-in) stays good for a sensitive action: 10 minutes. */
export const STEP_UP_MAX_AGE_MS = 10 * 60 * 1000;

/** True when the last proof at `at` is recent enough for a sensitive action at `now`. */
export function isStepUpFresh(at: Date | null, now: Date): boolean {
  return at !== null && now.getTime() - at.getTime() <= STEP_UP_MAX_AGE_MS && at.getTime() <= now.getTime() + 60_000;
}

/** Failures counted within this sliding window. */
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;

/** Failures allowed without any wait, per account and per client IP. */
export const FREE_FAILURES = { account: 5, ip: 20 } as const;

/** The longest wait ever asked for: sign-in is slowed, never refused for good. */
export const MAX_WAIT_MS = 15 * 60 * 1000;

/**
 * The wait after `failures` failures (within the window) before the next attempt is heard: none for the
 * first few, then 30 s doubling with each further failure, capped at 15 minutes.
 */
export function lockoutWaitMs(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_WAIT_MS, 30_000 * 2 ** (failures - free));
}

/**
 * Milliseconds until the next attempt is heard (0 when now). A device that completed a sign-in with the
 * second factor before is exempt from the account's wait (an attacker elsewhere cannot lock its owner
 * out), never from its own IP's.
 */
export function retryAfterMs(input: {
  account: { failures: number; lastFailureAt: Date | null };
  ip: { failures: number; lastFailureAt: Date | null };
  knownDevice: boolean;
  now: Date;
}): number {
  const waitFor = (c: { failures: number; lastFailureAt: Date | null }, free: number) =>
    c.lastFailureAt === null
      ? 0
      : Math.max(0, c.lastFailureAt.getTime() + lockoutWaitMs(c.failures, free) - input.now.getTime());
  const byIp = waitFor(input.ip, FREE_FAILURES.ip);
  const byAccount = input.knownDevice ? 0 : waitFor(input.account, FREE_FAILURES.account);
  return Math.max(byIp, byAccount);
}

/** Wrong second-factor codes allowed in one pending sign-in before it is ended and must start again. */
export const MAX_SECOND_FACTOR_FAILURES = 5;

/**
 * Wrong second-factor codes per user (across sign-ins) within the window before each further answer
 * waits, as lockoutWaitMs grows it: whoever has the password must not get five fresh guesses per sign-in.
 */
export const FREE_SECOND_FACTOR_FAILURES_PER_USER = 10;

/** Recovery codes issued at a time. */
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code as typed: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[^0-9A-Z]/g, "");
}
