/** Where a tranche stands as of a day. */
export type TrancheStatus = "pending" | "vestable" | "vested" | "lapsed";

/**
 * Why (part of) a tranche was voided. "voided": its grant batch was recorded by mistake and voided
 * before anything vested (grant_batch_voids), so none of it ever counted as awarded. "waived": the
 * conditions were met but the grantee did not pay the grant price by the payment deadline (放弃).
 */
export type LapseReason = null | "appraisal" | "left" | "window_closed" | "validity_ended" | "voided" | "waived";

/** Day-number facts about one tranche; -1 = none/unknown, MAX_SAFE_INTEGER = never. */
export type TrancheFacts = {
  readonly vestingDay: number;
  readonly openDay: number;
  readonly closeDay: number;
  readonly asOfDay: number;
  readonly leaveDay: number;
  readonly validityEndDay: number;
  /** The grant's batch was voided (recorded by mistake): nothing of it vests or is adjusted. */
  readonly voided?: boolean;
};

/**
 * Time-based outcome of a tranche, before quantities are known. `outstandingUntil` is the first
 * day on which the tranche no longer takes part in corporate-action adjustments: the vesting
 * day (vested on the ex-date = already registered) or the day it lapsed.
 */
export type TrancheOutcome =
  | { readonly kind: "vested"; readonly vestingDay: number; readonly outstandingUntil: number }
  | {
      readonly kind: "lapsed";
      readonly reason: Exclude<LapseReason, null | "appraisal" | "waived">;
      readonly outstandingUntil: number;
    }
  | { readonly kind: "outstanding"; readonly vestable: boolean; readonly outstandingUntil: number };

const NEVER = Number.MAX_SAFE_INTEGER;
/** outstandingUntil of a voided tranche: it never took part in any corporate action. */
const NEVER_OUTSTANDING = Number.MIN_SAFE_INTEGER;

/**
 * Decides whether a tranche has vested, lapsed by a dated event, or is still outstanding.
 * A recorded vesting counts only if it is on or before asOf and on or before the leave date
 * (unvested awards are voided from the departure date). Otherwise the earliest dated lapse
 * wins: leaving (effective on the leave date), the window closing (the day after close) or
 * validity ending (the day after the validity end); ties favour that order.
 */
export function decideOutcome(f: TrancheFacts): TrancheOutcome {
  // A voided batch is void from the start: no recorded vesting, date or departure decides anything.
  if (f.voided) return { kind: "lapsed", reason: "voided", outstandingUntil: NEVER_OUTSTANDING };
  if (f.vestingDay >= 0 && f.vestingDay <= f.asOfDay && f.vestingDay <= f.leaveDay) {
    return { kind: "vested", vestingDay: f.vestingDay, outstandingUntil: f.vestingDay };
  }
  let reason: Exclude<LapseReason, null | "appraisal" | "waived"> | null = null;
  let lapseDay = NEVER;
  if (f.leaveDay <= f.asOfDay) {
    reason = "left";
    lapseDay = f.leaveDay;
  }
  if (f.closeDay >= 0 && f.closeDay < f.asOfDay && f.closeDay + 1 < lapseDay) {
    reason = "window_closed";
    lapseDay = f.closeDay + 1;
  }
  if (f.validityEndDay < f.asOfDay && f.validityEndDay + 1 < lapseDay) {
    reason = "validity_ended";
    lapseDay = f.validityEndDay + 1;
  }
  if (reason !== null) return { kind: "lapsed", reason, outstandingUntil: lapseDay };
  const vestable = f.openDay >= 0 && f.asOfDay >= f.openDay && (f.closeDay < 0 || f.asOfDay <= f.closeDay);
  return { kind: "outstanding", vestable, outstandingUntil: NEVER };
}
