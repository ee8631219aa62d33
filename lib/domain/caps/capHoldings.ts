import type { RuleViolation } from "../errors";
import { isWithinValidity } from "../plans/planValidity";
import { checkAllPlansCap, checkPersonCap, unallocatedReserveLapsed } from "./planCaps";

/**
 * Which holdings and which share capital count toward the 1 % per-person and 20 % all-plans caps —
 * one rule for a participant-list preview and for a grant.
 *
 * Source: 上市公司股权激励管理办法 art. 14 — "全部在有效期内的股权激励计划所涉及的标的股票总数累计
 * 不得超过公司股本总额的10%（科创板：20%，上市规则 10.8）… 任何一名激励对象通过全部在有效期内的
 * 股权激励计划获授的本公司股票，累计不得超过公司股本总额的1%" (more needs a special resolution of
 * the general meeting; the portal has no such override, so it refuses).
 *
 * 1. Plans: every plan of the issuer within its validity on the date checked (planValidity: not closed
 *    or expired, and not granted yet or the date on or before the last day), plus the plan being
 *    checked itself. The date is the grant date for a grant, the check date for a list preview (a list
 *    has no grant date yet; the grant re-checks on its own date).
 * 2. Share capital and quantities are measured after the same corporate actions: the latest recorded
 *    share capital with the adjusted quantities. The stored adjusted quantities already apply every
 *    recorded corporate action (a bonus issue doubles them), and a bonus issue doubles the share
 *    capital too, so the percentage is invariant; pairing the announcement-day capital with adjusted
 *    quantities, or original quantities with the latest capital, would miscount by the factor (1 + n).
 *    Measuring both "as of the date checked" would need the quantities re-adjusted per date, which the
 *    records do not hold. A listed but not yet granted allocation is in current shares already (a grant
 *    is only adjusted by actions after its grant date), so it counts at face value.
 * 3. What a person holds: per (plan, batch), its grants once the batch is granted, otherwise the
 *    latest list version of the batch (an approved list already allots the shares). A voided part
 *    (作废失效: appraisal, departure, window or validity end) no longer counts: it is no longer awarded
 *    under the plan. Vested shares keep counting while their plan is within validity.
 * 4. The candidate: a new list version replaces everything its (plan, batch) holds; a grant adds to
 *    the batch's grants and supersedes the batch's list (it is the list being granted).
 * 5. The 20 % total: each counted plan with its approved total restated the same way — the granted
 *    part at adjusted quantities net of lapses, the part not granted yet at face value, less the
 *    reserve that lapsed unallocated after its 12-month deadline (Measures art. 15).
 */

export type CapBatch = "first" | "reserved";

/** A plan of the issuer, with what decides whether and how much it counts. */
export interface CapPlan {
  readonly id: string;
  readonly status: string;
  readonly firstGrantDate: string | null;
  readonly validityMonths: number;
  readonly totalQuantity: number;
  readonly reservedQuantity: number;
  readonly generalMeetingDate: string | null;
}

/** Sums over every grant of one plan's batch (all persons). */
export interface CapBatchTotal {
  readonly planId: string;
  readonly batch: CapBatch;
  /** As granted, before corporate actions. */
  readonly quantity: number;
  /** After every recorded corporate action. */
  readonly adjustedQuantity: number;
  /** Voided part, in adjusted shares. */
  readonly lapsedQuantity: number;
}

/** One person's award in one plan's batch: granted (grant rows) or only listed (latest list version). */
export interface CapHolding {
  readonly personId: string;
  readonly planId: string;
  readonly batch: CapBatch;
  readonly source: "granted" | "listed";
  /** After every recorded corporate action; a listed quantity as listed. */
  readonly adjustedQuantity: number;
  /** Voided part, in adjusted shares (0 for a listed row). */
  readonly lapsedQuantity: number;
}

/** What is being checked: a new list version or a grant, of one plan's batch. */
export interface CapCandidate {
  readonly planId: string;
  readonly batch: CapBatch;
  readonly kind: "list" | "grant";
  readonly items: readonly { readonly personId: string; readonly quantity: number }[];
}

export interface CapHoldingsInput {
  /** The date checked: the grant date, or the check date of a list preview. */
  readonly date: string;
  /** The latest recorded share capital (after the same corporate actions as the adjusted quantities). */
  readonly shareCapital: number;
  readonly plans: readonly CapPlan[];
  readonly batchTotals: readonly CapBatchTotal[];
  /** Every holding of the candidate's persons (rows of other persons are ignored). */
  readonly holdings: readonly CapHolding[];
  readonly candidate: CapCandidate;
}

/** A cap violation: per item (its index and person) or, for the 20 % cap, for the whole candidate. */
export interface CapViolation {
  readonly itemIndex: number | null;
  readonly personId: string | null;
  readonly violation: RuleViolation;
}

const batchKey = (planId: string, batch: CapBatch) => `${planId}/${batch}`;

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer: ${value}`);
  return value;
}

/** Ids of the plans that count on `date`: those within validity, and `alsoPlanId` in any case. */
export function plansCountingOn(
  plans: readonly CapPlan[],
  date: string,
  alsoPlanId: string | null = null,
): Set<string> {
  return new Set(plans.filter((p) => p.id === alsoPlanId || isWithinValidity(p, date)).map((p) => p.id));
}

/** What one plan counts toward the 20 % cap on `date` (rule 5). */
export function planCapQuantity(plan: CapPlan, batchTotals: readonly CapBatchTotal[], date: string): number {
  const own = batchTotals.filter((b) => b.planId === plan.id);
  const grantedOriginal = own.reduce((s, b) => s + count("quantity", b.quantity), 0);
  const grantedNet = own.reduce(
    (s, b) =>
      s + Math.max(0, count("adjustedQuantity", b.adjustedQuantity) - count("lapsedQuantity", b.lapsedQuantity)),
    0,
  );
  const reservedGranted = own.filter((b) => b.batch === "reserved").reduce((s, b) => s + b.quantity, 0);
  const reserveLapsed =
    plan.generalMeetingDate === null
      ? 0
      : unallocatedReserveLapsed({
          generalMeetingDate: plan.generalMeetingDate,
          reservedQuantity: plan.reservedQuantity,
          reservedGrantedSoFar: reservedGranted,
          asOf: date,
        }).quantity;
  const notGranted = Math.max(0, count("totalQuantity", plan.totalQuantity) - grantedOriginal - reserveLapsed);
  return notGranted + grantedNet;
}

/** Total of the plans counting on `date` toward the 20 % cap (`alsoPlanId` counted in any case). */
export function plansCapTotal(
  plans: readonly CapPlan[],
  batchTotals: readonly CapBatchTotal[],
  date: string,
  alsoPlanId: string | null = null,
): number {
  const counted = plansCountingOn(plans, date, alsoPlanId);
  return plans.filter((p) => counted.has(p.id)).reduce((s, p) => s + planCapQuantity(p, batchTotals, date), 0);
}

/** What each person already holds toward the 1 % cap, the candidate itself left out (rules 1, 3, 4). */
export function existingHoldings(input: Omit<CapHoldingsInput, "shareCapital">): Map<string, number> {
  const { candidate } = input;
  const counted = plansCountingOn(input.plans, input.date, candidate.planId);
  const granted = new Set(input.batchTotals.filter((b) => b.quantity > 0).map((b) => batchKey(b.planId, b.batch)));
  const own = batchKey(candidate.planId, candidate.batch);
  const out = new Map<string, number>();
  for (const h of input.holdings) {
    if (!counted.has(h.planId)) continue;
    const key = batchKey(h.planId, h.batch);
    if (key === own && (candidate.kind === "list" || h.source === "listed")) continue;
    if (h.source === "listed" && granted.has(key)) continue;
    const net = Math.max(0, count("adjustedQuantity", h.adjustedQuantity) - count("lapsedQuantity", h.lapsedQuantity));
    out.set(h.personId, (out.get(h.personId) ?? 0) + net);
  }
  return out;
}

/**
 * The 1 % and 20 % caps for a list or a grant: CAP_PERSON_EXCEEDED per item (details: limit,
 * existing, requested, total, excess), then CAP_TOTAL_EXCEEDED (limit, total, excess). A person
 * appearing twice has the earlier items counted as existing for the later ones.
 */
export function checkCapHoldings(input: CapHoldingsInput): CapViolation[] {
  const capital = count("shareCapital", input.shareCapital);
  const held = existingHoldings(input);
  const out: CapViolation[] = [];
  input.candidate.items.forEach((item, itemIndex) => {
    const existing = held.get(item.personId) ?? 0;
    const requested = count("quantity", item.quantity);
    const v = checkPersonCap(capital, existing, requested);
    if (v) out.push({ itemIndex, personId: item.personId, violation: v });
    held.set(item.personId, existing + requested);
  });
  const total = checkAllPlansCap(
    capital,
    plansCapTotal(input.plans, input.batchTotals, input.date, input.candidate.planId),
  );
  if (total) out.push({ itemIndex: null, personId: null, violation: total });
  return out;
}
