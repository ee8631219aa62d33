import { addDays, addMonthsClamped, compareIsoDates } from "../calendar/isoDate";
import { violation, type RuleViolation } from "../errors";
import { isTerminalPlanStatus } from "./planLifecycle";

/**
 * A plan's validity period. The Measures (art. 13) have the plan state it, counted from the first
 * grant date and at most 10 years; plan texts word it "自首次授予之日起至激励对象获授的限制性股票
 * 全部归属或作废失效之日止，最长不超过N个月". So the period starts on the first grant date and ends
 * on the day before the same calendar date N months later (clamped to the month's end: a first grant
 * on 31 August with 6 months ends on 27/28 February). A plan not granted yet has no end yet.
 */

/** Last day of the validity period, or null while the plan has no first grant. */
export function planValidityEnd(firstGrantDate: string | null, validityMonths: number): string | null {
  return firstGrantDate === null ? null : addDays(validityLapseDateOf(firstGrantDate, validityMonths), -1);
}

/** The first day after the validity period: unvested awards lapse on it. Null while not granted. */
export function validityLapseDate(firstGrantDate: string | null, validityMonths: number): string | null {
  return firstGrantDate === null ? null : validityLapseDateOf(firstGrantDate, validityMonths);
}

function validityLapseDateOf(firstGrantDate: string, validityMonths: number): string {
  if (!Number.isSafeInteger(validityMonths) || validityMonths < 0)
    throw new RangeError(`validityMonths must be a non-negative integer: ${validityMonths}`);
  return addMonthsClamped(firstGrantDate, validityMonths);
}

/** What decides whether a plan is within its validity on a day. */
export interface PlanValidityFacts {
  readonly status: string;
  readonly firstGrantDate: string | null;
  readonly validityMonths: number;
}

/**
 * Whether the plan is within its validity period on `date`: not ended (closed or expired) and either
 * not granted yet — an approved or pending plan counts in full — or `date` on or before the last day.
 */
export function isWithinValidity(plan: PlanValidityFacts, date: string): boolean {
  if (isTerminalPlanStatus(plan.status)) return false;
  const end = planValidityEnd(plan.firstGrantDate, plan.validityMonths);
  return end === null || compareIsoDates(date, end) <= 0;
}

/**
 * Every tranche window, counted from the grant, must end within the plan's validity (counted from the
 * first grant): a window ending later could never be used in full, and its grantee would see it
 * "pending" past the plan's end. One violation per tranche that does not fit.
 */
export function checkTranchesWithinValidity(
  validityMonths: number,
  categories: readonly { code: number; tranches: readonly { endMonths: number }[] }[],
): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const c of categories)
    c.tranches.forEach((t, i) => {
      if (t.endMonths > validityMonths)
        out.push(
          violation("TRANCHE_AFTER_VALIDITY", {
            categoryCode: c.code,
            tranche: i + 1,
            endMonths: t.endMonths,
            validityMonths,
          }),
        );
    });
  return out;
}

/** What a reserved batch's tranche windows are checked against. */
export interface ReservedTrancheValidityInput {
  readonly grantDate: string;
  /** The plan's first grant date (validity runs from it); null while there is none. */
  readonly firstGrantDate: string | null;
  readonly validityMonths: number;
  /** The categories the batch grants in, with their arrangements. */
  readonly categories: readonly { code: number; tranches: readonly { index: number; endMonths: number }[] }[];
}

/**
 * A reserved grant's tranche windows, counted from its own grant date, must end within the plan's
 * validity, which runs from the FIRST grant: set-up checks the months only (TRANCHE_AFTER_VALIDITY),
 * but a reserve granted months after the first grant shifts every window later by as much. The window's
 * last calendar day (the day before grant + endMonths) is compared, not its last trading day, so the
 * result never depends on the exchange calendar. Without a first grant there is no validity end yet.
 */
export function checkReservedTranchesWithinValidity(input: ReservedTrancheValidityInput): RuleViolation[] {
  const validityEnd = planValidityEnd(input.firstGrantDate, input.validityMonths);
  if (validityEnd === null) return [];
  const out: RuleViolation[] = [];
  for (const c of input.categories)
    for (const t of c.tranches) {
      const windowEnd = addDays(addMonthsClamped(input.grantDate, t.endMonths), -1);
      if (compareIsoDates(windowEnd, validityEnd) > 0)
        out.push(
          violation("RESERVED_TRANCHE_AFTER_VALIDITY", {
            categoryCode: c.code,
            tranche: t.index,
            grantDate: input.grantDate,
            windowEnd,
            validityEnd,
            firstGrantDate: input.firstGrantDate,
            validityMonths: input.validityMonths,
          }),
        );
    }
  return out;
}
