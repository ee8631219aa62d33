/**
 * The lifecycle of a plan as data: its statuses and the moves allowed between them. The order
 * follows the Measures' procedure — board resolution (art. 33), publicity of the list for at least
 * 10 days and its verification (art. 37), the general meeting (art. 40), the grant (art. 44), vesting
 * in tranches (guide No. 4 art. 3) — and ends when every award has vested or lapsed ("closed") or the
 * validity period is over ("expired"). Nothing here depends on the order of an enum: the table is
 * the rule.
 */

/** Every plan status; the database enum `plan_status` holds the same values (a test compares them). */
export const PLAN_STATUSES = [
  "draft",
  "board_approved",
  "publicity",
  "verified",
  "approved_by_general_meeting",
  "granted",
  "vesting",
  "closed",
  "expired",
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Where a plan may go next by an explicit status change: one procedural step, or an end once vesting. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  draft: ["board_approved"],
  board_approved: ["publicity"],
  publicity: ["verified"],
  verified: ["approved_by_general_meeting"],
  approved_by_general_meeting: ["granted"],
  granted: ["vesting"],
  vesting: ["closed", "expired"],
  closed: [],
  expired: [],
};

/** Statuses after which a plan no longer counts as within its validity period. */
export const TERMINAL_PLAN_STATUSES: readonly PlanStatus[] = ["closed", "expired"];

/**
 * Statuses in which a batch may be granted: a first grant only once the general meeting's approval is
 * recorded (art. 44: the board grants within 60 days after it; the status never skips that step), a
 * reserved grant likewise (art. 15) and while the plan is granted or vesting.
 */
export const GRANTABLE_STATUSES: Readonly<Record<"first" | "reserved", readonly PlanStatus[]>> = {
  first: ["approved_by_general_meeting"],
  reserved: ["approved_by_general_meeting", "granted", "vesting"],
};

/** The refusal of a status change, with what the API reports: the from, the to and the allowed moves. */
export interface TransitionViolation {
  readonly code: "INVALID_TRANSITION";
  readonly from: PlanStatus;
  readonly to: PlanStatus;
  readonly allowed: PlanStatus[];
}

export function isPlanStatus(value: string): value is PlanStatus {
  return (PLAN_STATUSES as readonly string[]).includes(value);
}

/** Statuses a plan may move to from `from` (a fresh array, in table order). */
export function allowedTransitions(from: PlanStatus): PlanStatus[] {
  return [...PLAN_TRANSITIONS[from]];
}

/** Null when `from` → `to` is allowed, otherwise the INVALID_TRANSITION violation. */
export function checkTransition(from: PlanStatus, to: PlanStatus): TransitionViolation | null {
  const allowed = allowedTransitions(from);
  return allowed.includes(to) ? null : { code: "INVALID_TRANSITION", from, to, allowed };
}

export function isTerminalPlanStatus(status: string): boolean {
  return (TERMINAL_PLAN_STATUSES as readonly string[]).includes(status);
}

/** Whether a batch of that kind may be granted in this status. */
export function canGrant(batch: "first" | "reserved", status: string): boolean {
  return (GRANTABLE_STATUSES[batch] as readonly string[]).includes(status);
}

/** The status a grant leaves the plan in: the first awards make it "granted"; later statuses stay. */
export function statusAfterGrant(status: PlanStatus): PlanStatus {
  return status === "approved_by_general_meeting" ? "granted" : status;
}
