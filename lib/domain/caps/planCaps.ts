import { addMonthsClamped, compareIsoDates, parseIsoDate } from "../calendar/isoDate";
import { violation, type RuleViolation } from "../errors";

/**
 * Quantity limits of STAR Market plans, in exact integer arithmetic: "q ≤ 1 % of capital" is
 * tested as q × 100 ≤ capital so no percentage is ever rounded (1 % of 461,000,000 = 4,610,000).
 */

/** Longest validity allowed by the Measures (art. 13): 10 years from the first grant. */
export const MAX_VALIDITY_MONTHS = 120;

/** Facts needed to check a grant (first or reserved batch) against the caps. */
export type GrantCapsInput = {
  readonly shareCapital: number;
  /** This person's granted quantity under all plans still within validity, this plan's existing grants included. */
  readonly personExisting: number;
  readonly personNew: number;
  /** Total quantity of all plans within validity, this plan included. */
  readonly allPlansTotal: number;
  readonly plan: { readonly totalQuantity: number; readonly reservedQuantity: number; readonly validityMonths: number };
  readonly batch: "first" | "reserved";
  readonly reservedGrantedSoFar: number;
  readonly reservedNew: number;
  readonly generalMeetingDate: string;
  readonly grantDate: string;
};

/** Facts needed to check a plan's set-up. */
export type PlanSetupInput = {
  readonly totalQuantity: number;
  readonly firstGrantQuantity: number;
  readonly reservedQuantity: number;
  readonly validityMonths: number;
  readonly shareCapital: number;
  /** Total of the company's other plans still within validity. */
  readonly otherPlansTotal: number;
};

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer: ${value}`);
  return value;
}

/** Checks a grant against the 1 % person cap, the 20 % all-plans cap and the reserve rules. */
export function checkGrantCaps(input: GrantCapsInput): RuleViolation[] {
  const capital = count("shareCapital", input.shareCapital);
  const existing = count("personExisting", input.personExisting);
  const requested = count("personNew", input.personNew);
  const out: RuleViolation[] = [];

  const personCap = checkPersonCap(capital, existing, requested);
  if (personCap) out.push(personCap);
  const totalCap = checkAllPlansCap(capital, count("allPlansTotal", input.allPlansTotal));
  if (totalCap) out.push(totalCap);
  const reserveShare = checkReserveShare(
    count("totalQuantity", input.plan.totalQuantity),
    count("reservedQuantity", input.plan.reservedQuantity),
  );
  if (reserveShare) out.push(reserveShare);

  if (input.batch === "reserved") {
    const reserved = input.plan.reservedQuantity;
    const grantedSoFar = count("reservedGrantedSoFar", input.reservedGrantedSoFar);
    const reservedNew = count("reservedNew", input.reservedNew);
    if (grantedSoFar + reservedNew > reserved) {
      out.push(
        violation("RESERVE_EXCEEDED", {
          kind: "reserve_balance",
          reservedQuantity: reserved,
          grantedSoFar,
          requested: reservedNew,
          excess: grantedSoFar + reservedNew - reserved,
        }),
      );
    }
    out.push(...checkReserveDeadline(input.grantDate, input.generalMeetingDate));
  }
  return out;
}

/** A reserved grant is made within 12 months after the general meeting (Measures art. 15); the deadline is named. */
export function checkReserveDeadline(grantDate: string, generalMeetingDate: string): RuleViolation[] {
  const deadline = reserveDeadline(generalMeetingDate);
  if (compareIsoDates(grantDate, deadline) <= 0) return [];
  return [violation("RESERVE_DEADLINE_PASSED", { grantDate, deadline, generalMeetingDate })];
}

/** Checks a plan's set-up: validity ≤ 120 months, first + reserve = total, reserve ≤ 20 %, all plans ≤ 20 % of capital. */
export function checkPlanSetup(input: PlanSetupInput): RuleViolation[] {
  const total = count("totalQuantity", input.totalQuantity);
  const first = count("firstGrantQuantity", input.firstGrantQuantity);
  const reserved = count("reservedQuantity", input.reservedQuantity);
  const months = count("validityMonths", input.validityMonths);
  const out: RuleViolation[] = [];
  if (months > MAX_VALIDITY_MONTHS)
    out.push(violation("VALIDITY_TOO_LONG", { validityMonths: months, limit: MAX_VALIDITY_MONTHS }));
  if (first + reserved !== total) {
    out.push(
      violation("PLAN_TOTAL_MISMATCH", {
        totalQuantity: total,
        firstGrantQuantity: first,
        reservedQuantity: reserved,
        difference: first + reserved - total,
      }),
    );
  }
  const reserveShare = checkReserveShare(total, reserved);
  if (reserveShare) out.push(reserveShare);
  const totalCap = checkAllPlansCap(
    count("shareCapital", input.shareCapital),
    count("otherPlansTotal", input.otherPlansTotal) + total,
  );
  if (totalCap) out.push(totalCap);
  return out;
}

/** One person's awards under all plans within validity ≤ 1 % of the share capital (Measures art. 14). */
export function checkPersonCap(capital: number, existing: number, requested: number): RuleViolation | null {
  const total = existing + requested;
  if (total * 100 <= capital) return null;
  const limit = Math.floor(capital / 100);
  return violation("CAP_PERSON_EXCEEDED", { limit, existing, requested, total, excess: total - limit });
}

/** All plans within validity ≤ 20 % of the share capital (STAR Market Listing Rules; 10 % on the main board). */
export function checkAllPlansCap(capital: number, allPlansTotal: number): RuleViolation | null {
  if (allPlansTotal * 5 <= capital) return null;
  const limit = Math.floor(capital / 5);
  return violation("CAP_TOTAL_EXCEEDED", { limit, total: allPlansTotal, excess: allPlansTotal - limit });
}

function checkReserveShare(total: number, reserved: number): RuleViolation | null {
  if (reserved * 5 <= total) return null;
  const limit = Math.floor(total / 5);
  return violation("RESERVE_EXCEEDED", {
    kind: "reserve_share",
    limit,
    reservedQuantity: reserved,
    excess: reserved - limit,
  });
}

/** Last day on which reserved awards may be granted: the general meeting date + 12 months (clamped). */
export function reserveDeadline(generalMeetingDate: string): string {
  return addMonthsClamped(generalMeetingDate, 12);
}

/** Reserve status as of a day: after the deadline the unallocated reserve lapses. */
export type ReserveLapse = { readonly deadline: string; readonly lapsed: boolean; readonly quantity: number };

/** Whether, and how much of, the reserve has lapsed because it was not granted within 12 months. */
export function unallocatedReserveLapsed(input: {
  readonly generalMeetingDate: string;
  readonly reservedQuantity: number;
  readonly reservedGrantedSoFar: number;
  readonly asOf: string;
}): ReserveLapse {
  parseIsoDate(input.asOf);
  const deadline = reserveDeadline(input.generalMeetingDate);
  const unallocated = Math.max(
    0,
    count("reservedQuantity", input.reservedQuantity) - count("reservedGrantedSoFar", input.reservedGrantedSoFar),
  );
  const lapsed = compareIsoDates(input.asOf, deadline) > 0;
  return { deadline, lapsed, quantity: lapsed ? unallocated : 0 };
}
