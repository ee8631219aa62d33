import { amountDue } from "../payment/amountDue";
import { capitalVerificationSummary } from "../payment/capitalVerification";
import { Dec, tryParseDecimal } from "../numeric/decimal";
import { LAPSE_REASONS } from "./reasonTexts";

/**
 * The figures each vesting-day announcement discloses (《科创板上市公司自律监管指南第4号——股权激励信息披露》):
 * 归属条件成就 (who may vest, how many shares), 作废 (lapsed shares by reason), 归属结果暨股份上市 (people,
 * shares, listing date, the change in share capital and the money received) and the price/quantity
 * adjustment after a corporate action. Pure: the inputs are plain values, so the registers and the
 * documents built from one batch cannot disagree with these numbers.
 */

/** A tranche period of the batch, as the 归属条件成就 announcement names it. */
export type ConditionsPeriodInput = {
  readonly grantBatchId: string;
  /** "first" (首次授予) or "reserved" (预留授予). */
  readonly grantBatchKind: string;
  readonly grantDate: string;
  readonly categoryId: string;
  readonly categoryLabel: string;
  readonly trancheIndex: number;
  /** Company-level ratio, "1.0000"; null before the conditions are confirmed. */
  readonly companyRatio: string | null;
};

/** One grantee's tranche: the shares the conditions allow and the price to pay for them. */
export type EligibleLineInput = {
  readonly personId: string;
  readonly grantBatchId: string;
  readonly categoryId: string;
  readonly trancheIndex: number;
  readonly shares: number;
  readonly adjustedPrice: string;
};

export type ConditionsPeriodFigures = ConditionsPeriodInput & {
  /** Grantees with at least one share that may vest in this period. */
  readonly people: number;
  readonly shares: number;
  /** The distinct adjusted grant prices of the period's lines, in order of first appearance. */
  readonly adjustedPrices: readonly string[];
};

export type ConditionsFigures = {
  /** First grants before reserved ones, then by grant date; otherwise in input order. */
  readonly periods: readonly ConditionsPeriodFigures[];
  /** People counted once however many periods they vest in. */
  readonly totals: { readonly people: number; readonly shares: number };
};

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer: ${value}`);
  return value;
}

function price(name: string, value: string): Dec {
  const p = tryParseDecimal(value);
  if (p === null || !p.gt(0)) throw new RangeError(`${name} must be a positive decimal: ${value}`);
  return p;
}

const KIND_RANK: Record<string, number> = { first: 0, reserved: 1 };
const periodKey = (p: { grantBatchId: string; categoryId: string; trancheIndex: number }) =>
  `${p.grantBatchId}|${p.categoryId}|${p.trancheIndex}`;

/**
 * People and shares per period and in total. Every line must belong to one of the periods (a line
 * outside them would be a share the announcement forgets): RangeError otherwise.
 */
export function conditionsFigures(
  periods: readonly ConditionsPeriodInput[],
  lines: readonly EligibleLineInput[],
): ConditionsFigures {
  const acc = new Map<string, { people: Set<string>; shares: number; prices: string[] }>();
  for (const p of periods) {
    if (acc.has(periodKey(p))) throw new RangeError(`Period listed twice: ${periodKey(p)}`);
    acc.set(periodKey(p), { people: new Set(), shares: 0, prices: [] });
  }
  const everyone = new Set<string>();
  let shares = 0;
  for (const l of lines) {
    const a = acc.get(periodKey(l));
    if (!a) throw new RangeError(`Line of ${l.personId} is outside the batch's periods: ${periodKey(l)}`);
    count("shares", l.shares);
    price("adjustedPrice", l.adjustedPrice);
    if (l.shares === 0) continue;
    a.people.add(l.personId);
    a.shares += l.shares;
    if (!a.prices.includes(l.adjustedPrice)) a.prices.push(l.adjustedPrice);
    everyone.add(l.personId);
    shares += l.shares;
  }
  const ordered = periods
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (KIND_RANK[a.p.grantBatchKind] ?? 2) - (KIND_RANK[b.p.grantBatchKind] ?? 2) ||
        a.p.grantDate.localeCompare(b.p.grantDate) ||
        a.i - b.i,
    );
  return {
    periods: ordered.map(({ p }) => {
      const a = acc.get(periodKey(p))!;
      return { ...p, people: a.people.size, shares: a.shares, adjustedPrices: a.prices };
    }),
    totals: { people: everyone.size, shares },
  };
}

/** Lapsed shares: one entry per person and reason, or an aggregate of `people` grantees. */
export type LapseEntryInput = {
  /** A lapse reason code: "left", "appraisal", "waived", "voided", … */
  readonly reason: string;
  readonly shares: number;
  /** Grantees the entry covers; 1 when omitted. Ignored when personId is given. */
  readonly people?: number;
  /** When given, a person under several entries or reasons is counted once. */
  readonly personId?: string;
};

export type LapseFigures = {
  /** The known reasons in LAPSE_REASONS' order (离职 first), then others as they appear; only reasons with shares. */
  readonly byReason: readonly { readonly reason: string; readonly people: number; readonly shares: number }[];
  readonly totals: { readonly people: number; readonly shares: number };
};

// Announcements list leavers first, then appraisal, then waived: the order the plan texts' 作废 clauses use.
const REASON_ORDER: readonly string[] = ["left", "appraisal", "waived", ...LAPSE_REASONS];

/** Lapsed shares and people per reason, and in total. Entries with no shares are not lapses and are left out. */
export function lapseFigures(entries: readonly LapseEntryInput[]): LapseFigures {
  type Acc = { persons: Set<string>; anonymous: number; shares: number };
  const byReason = new Map<string, Acc>();
  const persons = new Set<string>();
  let anonymous = 0;
  let shares = 0;
  for (const e of entries) {
    count("shares", e.shares);
    const people = e.personId === undefined ? count("people", e.people ?? 1) : 0;
    if (e.shares === 0) continue;
    const a = byReason.get(e.reason) ?? { persons: new Set<string>(), anonymous: 0, shares: 0 };
    if (e.personId !== undefined) {
      a.persons.add(e.personId);
      persons.add(e.personId);
    }
    a.anonymous += people;
    a.shares += e.shares;
    anonymous += people;
    shares += e.shares;
    byReason.set(e.reason, a);
  }
  const rank = (r: string) => {
    const i = REASON_ORDER.indexOf(r);
    return i === -1 ? REASON_ORDER.length : i;
  };
  const reasons = [...byReason.keys()].map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i);
  return {
    byReason: reasons.map(({ r }) => {
      const a = byReason.get(r)!;
      return { reason: r, people: a.persons.size + a.anonymous, shares: a.shares };
    }),
    totals: { people: persons.size + anonymous, shares },
  };
}

/** One grantee's tranche as paid: only paid shares vest. */
export type VestedLineInput = {
  readonly personId: string;
  readonly employeeNo: string;
  readonly name: string;
  readonly isDirector: boolean;
  readonly isSeniorManager: boolean;
  readonly paidShares: number;
  readonly adjustedPrice: string;
};

export type ResultFiguresInput = {
  readonly lines: readonly VestedLineInput[];
  /** 定向发行 (new_issue) increases the share capital; 回购 (buyback) shares change hands only. */
  readonly shareSource: "new_issue" | "buyback";
  readonly parValue: string;
  readonly registrationDate: string;
  /** Null until the registrar's evidence gives it. */
  readonly listingDate: string | null;
  /** Total shares of the company before this vesting (股本总数), from the share-capital history; null when unknown. */
  readonly shareCapitalBefore: number | null;
};

export type VestedDirectorOrOfficer = {
  readonly personId: string;
  readonly name: string;
  readonly isDirector: boolean;
  readonly isSeniorManager: boolean;
  readonly shares: number;
};

export type ResultFigures = {
  /** Grantees with at least one paid share. */
  readonly people: number;
  readonly shares: number;
  readonly shareSource: "new_issue" | "buyback";
  readonly registrationDate: string;
  readonly listingDate: string | null;
  /** Shares before, the change and after; null when the total before is unknown. A buyback changes nothing. */
  readonly shareCapital: { readonly before: number; readonly change: number; readonly after: number } | null;
  /** Money received for the vested shares (refunds excluded); for a new issue split as the 验资 report books it. */
  readonly payment: {
    readonly amount: string;
    readonly toShareCapital: string | null;
    readonly toCapitalReserve: string | null;
  };
  /** 董事、高级管理人员 with vested shares, listed one by one as the disclosure requires, in order of appearance. */
  readonly directorsAndOfficers: readonly VestedDirectorOrOfficer[];
  readonly directorsAndOfficersShares: number;
};

/** The 归属结果暨股份上市 figures: what vested, to whom, for how much, and what it does to the share capital. */
export function resultFigures(input: ResultFiguresInput): ResultFigures {
  const summary = capitalVerificationSummary(
    input.lines.map((l) => ({
      employeeNo: l.employeeNo,
      name: l.name,
      shares: count("paidShares", l.paidShares),
      amount: amountDue(l.paidShares, l.adjustedPrice),
    })),
    input.parValue,
  );
  const people = new Set<string>();
  const officers = new Map<string, VestedDirectorOrOfficer>();
  for (const l of input.lines) {
    if (l.paidShares === 0) continue;
    people.add(l.personId);
    if (!l.isDirector && !l.isSeniorManager) continue;
    const o = officers.get(l.personId);
    officers.set(l.personId, {
      personId: l.personId,
      name: l.name,
      isDirector: l.isDirector,
      isSeniorManager: l.isSeniorManager,
      shares: (o?.shares ?? 0) + l.paidShares,
    });
  }
  const newIssue = input.shareSource === "new_issue";
  const before = input.shareCapitalBefore === null ? null : count("shareCapitalBefore", input.shareCapitalBefore);
  const change = newIssue ? summary.shares : 0;
  const directorsAndOfficers = [...officers.values()];
  return {
    people: people.size,
    shares: summary.shares,
    shareSource: input.shareSource,
    registrationDate: input.registrationDate,
    listingDate: input.listingDate,
    shareCapital: before === null ? null : { before, change, after: before + change },
    payment: {
      amount: summary.amount,
      toShareCapital: newIssue ? summary.toShareCapital : null,
      toCapitalReserve: newIssue ? summary.toCapitalReserve : null,
    },
    directorsAndOfficers,
    directorsAndOfficersShares: directorsAndOfficers.reduce((s, o) => s + o.shares, 0),
  };
}

/** A grant batch's price and outstanding quantity before and after one corporate action. */
export type AdjustmentRowInput = {
  readonly grantBatchKind: string;
  readonly grantDate: string;
  /** A CorporateActionType ("capitalisation", "dividend", …). */
  readonly actionKind: string;
  readonly exDate: string;
  readonly before: { readonly price: string; readonly quantity: number };
  readonly after: { readonly price: string; readonly quantity: number };
};

export type AdjustmentRowFigures = AdjustmentRowInput & {
  readonly quantityChange: number;
  /** after − before, with the decimals of the finer price (at least 2): "-0.30". */
  readonly priceChange: string;
};

export type AdjustmentFigures = {
  readonly rows: readonly AdjustmentRowFigures[];
  readonly totals: { readonly quantityBefore: number; readonly quantityAfter: number; readonly quantityChange: number };
  /** Whether the title says 授予价格, 授予数量 or both. */
  readonly priceChanged: boolean;
  readonly quantityChanged: boolean;
};

/** The adjustment figures: the adjustment engine's results passed through, with the changes and totals. */
export function adjustmentFigures(rows: readonly AdjustmentRowInput[]): AdjustmentFigures {
  const out = rows.map((r) => {
    const p0 = price("before.price", r.before.price);
    const p1 = price("after.price", r.after.price);
    const places = Math.max(2, p0.decimalPlaces(), p1.decimalPlaces());
    return {
      ...r,
      quantityChange: count("after.quantity", r.after.quantity) - count("before.quantity", r.before.quantity),
      priceChange: p1.minus(p0).toFixed(places),
    };
  });
  const quantityBefore = out.reduce((s, r) => s + r.before.quantity, 0);
  const quantityAfter = out.reduce((s, r) => s + r.after.quantity, 0);
  return {
    rows: out,
    totals: { quantityBefore, quantityAfter, quantityChange: quantityAfter - quantityBefore },
    priceChanged: out.some((r) => !new Dec(r.priceChange).isZero()),
    quantityChanged: out.some((r) => r.quantityChange !== 0),
  };
}
