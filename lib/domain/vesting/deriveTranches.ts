import { fromDayNumber, parseIsoDate, toDayNumber } from "../calendar/isoDate";
import type { TradingCalendar } from "../calendar/tradingCalendar";
import type { BlackoutWindow } from "../blackout/blackoutWindows";
import { asPreparedBlackouts, type PreparedBlackouts } from "../blackout/preparedBlackouts";
import {
  adjustPrice,
  checkAdjustedPrice,
  type AdjustmentFlag,
  type CorporateActionInput,
  type CorporateActionType,
  type ParsedCorporateAction,
  parseCorporateAction,
} from "../adjustments/corporateActions";
import { adjustUnvestedQuantities } from "../adjustments/unvestedQuantities";
import { individualRatio, vestedQuantity, type GradeTable } from "./appraisal";
import { earliestVestingDay, type EarliestVestingDay, type EarliestVestingReason } from "./earliestVestingDate";
import { splitTrancheQuantities } from "./trancheQuantities";
import { vestingWindowDays } from "./vestingWindow";
import { decideOutcome, type LapseReason, type TrancheOutcome, type TrancheStatus } from "./trancheOutcome";

export type { LapseReason, TrancheStatus } from "./trancheOutcome";

/** One vesting period of a participant category's arrangement. */
export type TrancheArrangement = {
  readonly index: number;
  readonly startMonths: number;
  readonly endMonths: number;
  readonly ratio: string;
};

/** Appraisal result for one tranche of one grant. */
export type AppraisalInput = { readonly trancheIndex: number; readonly companyRatio: string; readonly grade: string };

/**
 * A recorded vesting (registration) of one tranche. `waivedQuantity`: shares the conditions allowed but the
 * grantee did not pay for by the vesting batch's payment deadline; they lapse as "waived" (放弃).
 */
export type VestingEventInput = {
  readonly trancheIndex: number;
  readonly vestingDate: string;
  readonly waivedQuantity?: number;
};

/** Everything deriveTranches needs about one grant. */
export type DeriveTranchesInput = {
  readonly grant: {
    readonly id: string;
    readonly grantDate: string;
    readonly quantity: number;
    readonly grantPrice: string;
  };
  readonly tranches: readonly TrancheArrangement[];
  /** Corporate actions, ordered by exDate (ties keep input order). */
  readonly adjustments: readonly CorporateActionInput[];
  readonly appraisals: readonly AppraisalInput[];
  readonly vestings: readonly VestingEventInput[];
  readonly leaveDate: string | null;
  readonly gradeTable: GradeTable;
  /** The plan's blackout windows (company-wide plus its own), ideally prepared once per plan. */
  readonly blackouts: PreparedBlackouts | readonly BlackoutWindow[];
  readonly calendar: TradingCalendar;
  readonly asOf: string;
  /** Last day of the plan's validity period (inclusive), if known. */
  readonly validityEnd: string | null;
  /** Par value per share for the price floor; defaults to "1". */
  readonly parValue?: string;
  /** The grant's batch was voided: every tranche lapses in full as "voided", unadjusted and unappraised. */
  readonly voided?: boolean;
};

/** One applied corporate action; quantities are the grant's totals over all tranches. */
export type AdjustmentHistoryEntry = {
  readonly date: string;
  readonly type: CorporateActionType;
  readonly priceBefore: string;
  readonly priceAfter: string;
  readonly quantityBefore: number;
  readonly quantityAfter: number;
  readonly flags: AdjustmentFlag[];
};

/** A derived tranche row, as stored in the database. */
export type DerivedTranche = {
  readonly index: number;
  readonly ratio: string;
  /** Planned quantity after corporate-action adjustments. */
  readonly plannedQuantity: number;
  readonly windowOpen: string | null;
  readonly windowClose: string | null;
  readonly calendarPending: boolean;
  readonly earliestVestingDate: string | null;
  readonly earliestReason: EarliestVestingReason;
  readonly deferredBy: BlackoutWindow[];
  readonly status: TrancheStatus;
  readonly vestedQuantity: number;
  readonly lapsedQuantity: number;
  readonly vestingDate: string | null;
  readonly lapseReason: LapseReason;
};

/** The derived state of a grant: adjusted price and quantity, adjustment history and tranches. */
export type DerivedGrant = {
  readonly grantPrice: string;
  /** Adjusted total: vested + lapsed + still-unvested planned quantities. */
  readonly quantity: number;
  readonly adjustmentHistory: AdjustmentHistoryEntry[];
  readonly tranches: DerivedTranche[];
};

const NEVER = Number.MAX_SAFE_INTEGER;

/**
 * The single derivation of a grant's tranche rows (the database stores its output).
 *
 * Planned quantities are split from the original grant, then each corporate action with an
 * ex-date after the grant date and on or before asOf adjusts, when any tranche is still
 * outstanding on the ex-date, the grant price and the planned quantities of the tranches
 * still outstanding on the ex-date (not vested on or before it, not lapsed before it), as one
 * unvested total rounded down once (see adjustUnvestedQuantities). Vested
 * tranches get floor(planned × company × individual ratio); outstanding ones lapse when the
 * person has left, the window has closed or the plan's validity has ended (see trancheOutcome).
 */
export function deriveTranches(input: DeriveTranchesInput): DerivedGrant {
  const { grant, calendar, leaveDate, validityEnd } = input;
  const asOfDay = toDayNumber(input.asOf);
  const grantCivil = parseIsoDate(grant.grantDate);
  const leaveDay = leaveDate === null ? NEVER : toDayNumber(leaveDate);
  const validityEndDay = validityEnd === null ? NEVER : toDayNumber(validityEnd);
  const blackouts = asPreparedBlackouts(input.blackouts);

  const { ordered, ratios, slotOf } = preparedArrangement(input.tranches);
  const n = ordered.length;
  const planned = splitTrancheQuantities(grant.quantity, ratios);
  const vestings = recordedPerTranche(input.vestings, slotOf, "vesting", (v) => ({
    day: toDayNumber(v.vestingDate),
    waived: v.waivedQuantity ?? 0,
  }));
  const appraisals = recordedPerTranche(input.appraisals, slotOf, "appraisal", (a) => a);

  const openDays = new Array<number>(n);
  const closeDays = new Array<number>(n);
  const outcomes = new Array<TrancheOutcome>(n);
  for (let i = 0; i < n; i++) {
    const t = ordered[i]!;
    const w = vestingWindowDays(calendar, grantCivil, t.startMonths, t.endMonths);
    openDays[i] = w.openDay;
    closeDays[i] = w.closeDay;
    outcomes[i] = decideOutcome({
      vestingDay: vestings[i]?.day ?? -1,
      openDay: w.openDay,
      closeDay: w.closeDay,
      asOfDay,
      leaveDay,
      validityEndDay,
      voided: input.voided,
    });
  }

  let price = grant.grantPrice;
  const parValue = input.parValue ?? "1";
  const adjustmentHistory: AdjustmentHistoryEntry[] = [];
  const grantDay = toDayNumber(grant.grantDate);
  for (const a of applicableAdjustments(input.adjustments, asOfDay)) {
    // Only a grant with a tranche outstanding on the ex-date is adjusted, its price included; a grant
    // made on or after the ex-date was priced after the event.
    if (a.exDay <= grantDay || !outcomes.some((o) => a.exDay < o.outstandingUntil)) continue;
    const priceAfter = adjustPrice(price, a);
    const flags = checkAdjustedPrice(priceAfter, parValue, a.input);
    // The formula applies to the grant's unvested total, rounded down once, then split back over the
    // unvested tranches (adjustUnvestedQuantities). A tranche vested on or before the ex-date, or
    // already voided, is history: not adjusted.
    const unvested: number[] = [];
    let quantityBefore = 0;
    for (let i = 0; i < n; i++) {
      quantityBefore += planned[i]!;
      if (a.exDay < outcomes[i]!.outstandingUntil) unvested.push(i);
    }
    const adjusted = adjustUnvestedQuantities(
      unvested.map((i) => planned[i]!),
      a,
    );
    for (let k = 0; k < unvested.length; k++) planned[unvested[k]!] = adjusted[k]!;
    let quantityAfter = 0;
    for (let i = 0; i < n; i++) quantityAfter += planned[i]!;
    adjustmentHistory.push({
      date: a.input.exDate,
      type: a.input.type,
      priceBefore: price,
      priceAfter,
      quantityBefore,
      quantityAfter,
      flags,
    });
    price = priceAfter;
  }

  const tranches = new Array<DerivedTranche>(n);
  let quantity = 0;
  for (let i = 0; i < n; i++) {
    const t = ordered[i]!;
    const plannedQuantity = planned[i]!;
    quantity += plannedQuantity;
    const outcome = outcomes[i]!;
    // A voided grant's appraisal (a run that vested nothing) no longer decides anything.
    const appraisal = input.voided ? undefined : appraisals[i];
    // Without an appraisal record a recorded vesting is taken as full vesting: the board only
    // registers shares after confirming the conditions.
    const split = appraisal
      ? vestedQuantity(plannedQuantity, appraisal.companyRatio, individualRatio(input.gradeTable, appraisal.grade))
      : { vested: plannedQuantity, lapsed: 0 };
    const openDay = openDays[i]!;
    const closeDay = closeDays[i]!;
    const windowOpen = openDay < 0 ? null : fromDayNumber(openDay);
    const windowClose = closeDay < 0 ? null : fromDayNumber(closeDay);
    const calendarPending = openDay < 0 || closeDay < 0;

    let status: TrancheStatus;
    let vested = 0;
    let lapsed = plannedQuantity;
    let vestingDate: string | null = null;
    let lapseReason: LapseReason;
    let earliest: EarliestVestingDay | null = null;
    // Unpaid shares of a vesting are waived: they lapse, however much the conditions allowed.
    const waived = outcome.kind === "vested" ? Math.min(vestings[i]?.waived ?? 0, split.vested) : 0;
    if (outcome.kind === "vested" && split.vested > waived) {
      status = "vested";
      vested = split.vested - waived;
      lapsed = split.lapsed + waived;
      vestingDate = fromDayNumber(outcome.vestingDay);
      lapseReason = waived > 0 ? "waived" : lapsed > 0 ? "appraisal" : null;
    } else if (outcome.kind === "vested" && split.vested > 0) {
      status = "lapsed";
      lapseReason = "waived";
    } else if (outcome.kind === "vested" || (appraisal !== undefined && split.vested === 0)) {
      // Appraisal first: a record exists only if the person was appraised before anything else voided the tranche.
      status = "lapsed";
      lapseReason = "appraisal";
    } else if (outcome.kind === "lapsed") {
      status = "lapsed";
      lapseReason = outcome.reason;
    } else {
      // Still outstanding: the appraisal share that can never vest is already voided.
      status = outcome.vestable ? "vestable" : "pending";
      lapsed = split.lapsed;
      lapseReason = lapsed > 0 ? "appraisal" : null;
      const lastDay = Math.min(closeDay < 0 ? NEVER : closeDay, leaveDay, validityEndDay);
      earliest = earliestVestingDay(calendar, openDay, lastDay === NEVER ? -1 : lastDay, blackouts, asOfDay);
    }
    tranches[i] = {
      index: t.index,
      ratio: t.ratio,
      plannedQuantity,
      windowOpen,
      windowClose,
      calendarPending,
      earliestVestingDate: earliest === null || earliest.day < 0 ? null : fromDayNumber(earliest.day),
      earliestReason: earliest === null ? null : earliest.reason,
      deferredBy: earliest === null ? [] : earliest.deferredBy,
      status,
      vestedQuantity: vested,
      lapsedQuantity: lapsed,
      vestingDate,
      lapseReason,
    };
  }
  return { grantPrice: price, quantity, adjustmentHistory, tranches };
}

type PreparedArrangement = {
  readonly ordered: readonly TrancheArrangement[];
  readonly ratios: readonly string[];
  readonly slotOf: ReadonlyMap<number, number>;
};

// A category's arrangement is shared by all its grants: sort and index it once per array.
const arrangements = new WeakMap<readonly TrancheArrangement[], PreparedArrangement>();

function preparedArrangement(tranches: readonly TrancheArrangement[]): PreparedArrangement {
  const known = arrangements.get(tranches);
  if (known !== undefined) return known;
  const ordered = [...tranches].sort((a, b) => a.index - b.index);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.index === ordered[i - 1]!.index)
      throw new RangeError(`Duplicate tranche index ${ordered[i]!.index}`);
  }
  const prepared = {
    ordered,
    ratios: ordered.map((t) => t.ratio),
    slotOf: new Map(ordered.map((t, i) => [t.index, i])),
  };
  arrangements.set(tranches, prepared);
  return prepared;
}

function recordedPerTranche<T extends { readonly trancheIndex: number }, R>(
  records: readonly T[],
  slotOf: ReadonlyMap<number, number>,
  what: string,
  map: (record: T) => R,
): (R | undefined)[] {
  const out: (R | undefined)[] = [];
  for (let i = 0; i < slotOf.size; i++) out.push(undefined);
  for (const r of records) {
    const slot = slotOf.get(r.trancheIndex);
    if (slot === undefined) throw new RangeError(`${what} for unknown tranche ${r.trancheIndex}`);
    if (out[slot] !== undefined) throw new RangeError(`More than one ${what} for tranche ${r.trancheIndex}`);
    out[slot] = map(r);
  }
  return out;
}

function applicableAdjustments(adjustments: readonly CorporateActionInput[], asOfDay: number): ParsedCorporateAction[] {
  const due: ParsedCorporateAction[] = [];
  let sorted = true;
  for (const a of adjustments) {
    const parsed = parseCorporateAction(a);
    // Actions whose ex-date is after asOf have not happened yet as of that day.
    if (parsed.exDay > asOfDay) continue;
    if (due.length > 0 && parsed.exDay < due[due.length - 1]!.exDay) sorted = false;
    due.push(parsed);
  }
  // Array.prototype.sort is stable: same-day actions keep the order they were recorded in.
  return sorted ? due : due.sort((a, b) => a.exDay - b.exDay);
}
