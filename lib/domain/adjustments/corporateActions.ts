import { isIsoDate, toDayNumber } from "../calendar/isoDate";
import { RuleError } from "../errors";
import { Dec, formatPrice, tryParseDecimal } from "../numeric/decimal";
import { floorTimesRatios, toExactFraction, type ExactRatio } from "../numeric/exactRatio";

/** Kinds of corporate action that may require adjusting unvested awards. */
export type CorporateActionType =
  "capitalisation" | "bonus" | "split" | "rights" | "consolidation" | "dividend" | "dividend_bonus" | "issuance";

/**
 * A corporate action as recorded by the board's adjustment resolution. n: extra shares per share
 * (conversion, bonus, split, dividend_bonus), rights ratio (rights) or new shares per old share
 * (consolidation); v: cash dividend per share; p1: record-date close; p2: rights issue price.
 */
export type CorporateActionInput = {
  readonly type: CorporateActionType;
  readonly exDate: string;
  readonly n?: string;
  readonly v?: string;
  readonly p1?: string;
  readonly p2?: string;
};

/** Warning raised on an adjustment result. */
export type AdjustmentFlag = "PRICE_AT_OR_BELOW_ONE_YUAN";

/** Quantity and grant price after an adjustment, with warnings. */
export type AdjustmentResult = { readonly quantity: number; readonly price: string; readonly flags: AdjustmentFlag[] };

/** A validated corporate action in the form the engine's hot path uses. */
export type ParsedCorporateAction = {
  readonly input: CorporateActionInput;
  /** Day number of the ex-date. */
  readonly exDay: number;
  /** Quantity multiplier as an exact fraction; null when the quantity is unchanged. */
  readonly quantityFactor: ExactRatio | null;
  readonly price: (p0: Dec) => Dec;
  /** Adjusted prices by prior price: every grant of a plan shares the same price history. */
  readonly priceMemo: Map<string, string>;
};

const CACHE_LIMIT = 5000;
// Inputs are treated as immutable: the same object (e.g. a plan's adjustment list shared by all
// its grants) is validated once; equal copies still hit the key cache.
const byIdentity = new WeakMap<CorporateActionInput, ParsedCorporateAction>();
const byKey = new Map<string, ParsedCorporateAction>();
const priceChecks = new Map<string, AdjustmentFlag[] | "below_par">();

function keyOf(a: CorporateActionInput): string {
  return `${a.type}|${a.exDate}|${a.n ?? ""}|${a.v ?? ""}|${a.p1 ?? ""}|${a.p2 ?? ""}`;
}

function param(a: CorporateActionInput, field: "n" | "v" | "p1" | "p2", test: (d: Dec) => boolean, rule: string): Dec {
  const value = tryParseDecimal(a[field]);
  if (value === null || !test(value)) {
    throw new RuleError("INVALID_ADJUSTMENT", { type: a.type, exDate: a.exDate, field, value: a[field] ?? null, rule });
  }
  return value;
}

const positive = (d: Dec) => d.gt(0);
const ONE = new Dec(1);

/** Validates a corporate action (throws INVALID_ADJUSTMENT on missing or out-of-range parameters) and parses it. */
export function parseCorporateAction(a: CorporateActionInput): ParsedCorporateAction {
  const known = byIdentity.get(a);
  if (known !== undefined) return known;
  const key = keyOf(a);
  let parsed = byKey.get(key);
  if (parsed === undefined) {
    parsed = parseUncached(a, key);
    if (byKey.size >= CACHE_LIMIT) byKey.clear();
    byKey.set(key, parsed);
  }
  byIdentity.set(a, parsed);
  return parsed;
}

function parseUncached(a: CorporateActionInput, key: string): ParsedCorporateAction {
  if (!isIsoDate(a.exDate)) {
    throw new RuleError("INVALID_ADJUSTMENT", {
      type: a.type,
      field: "exDate",
      value: a.exDate ?? null,
      rule: "yyyy-mm-dd",
    });
  }
  const make = (quantityFactor: ExactRatio | null, price: (p0: Dec) => Dec): ParsedCorporateAction => ({
    input: a,
    exDay: toDayNumber(a.exDate),
    quantityFactor,
    price,
    priceMemo: new Map(),
  });
  switch (a.type) {
    case "capitalisation":
    case "bonus":
    case "split": {
      const onePlusN = param(a, "n", positive, "n > 0").plus(1);
      return make(toExactFraction(key, onePlusN, ONE), (p0) => p0.div(onePlusN));
    }
    case "rights": {
      const n = param(a, "n", positive, "n > 0");
      const p1 = param(a, "p1", positive, "p1 > 0");
      const p2 = param(a, "p2", positive, "p2 > 0");
      const num = p1.times(n.plus(1));
      const den = p1.plus(p2.times(n));
      return make(toExactFraction(key, num, den), (p0) => p0.times(den).div(num));
    }
    case "consolidation": {
      const n = param(a, "n", (d) => d.gt(0) && d.lt(1), "0 < n < 1");
      return make(toExactFraction(key, n, ONE), (p0) => p0.div(n));
    }
    case "dividend": {
      const v = param(a, "v", positive, "v > 0");
      return make(null, (p0) => p0.minus(v));
    }
    case "dividend_bonus": {
      const v = param(a, "v", positive, "v > 0");
      const onePlusN = param(a, "n", positive, "n > 0").plus(1);
      return make(toExactFraction(key, onePlusN, ONE), (p0) => p0.minus(v).div(onePlusN));
    }
    case "issuance":
      return make(null, (p0) => p0);
    default:
      throw new RuleError("INVALID_ADJUSTMENT", {
        type: (a as { type: unknown }).type,
        field: "type",
        rule: "known type",
      });
  }
}

/** Throws INVALID_ADJUSTMENT unless the corporate action's parameters are complete and in range. */
export function validateCorporateAction(a: CorporateActionInput): void {
  parseCorporateAction(a);
}

/** Adjusted share count, rounded down to whole shares (issuance and dividends leave it unchanged). */
export function adjustQuantity(q0: number, a: CorporateActionInput | ParsedCorporateAction): number {
  if (!Number.isSafeInteger(q0) || q0 < 0) throw new RangeError(`Quantity must be a non-negative integer: ${q0}`);
  const factor = ("exDay" in a ? a : parseCorporateAction(a)).quantityFactor;
  return factor === null ? q0 : floorTimesRatios(q0, factor);
}

/** Adjusted grant price rounded half-up to 0.01 yuan; the par-value floor is applyCorporateAction's job. */
export function adjustPrice(p0: string, a: CorporateActionInput | ParsedCorporateAction): string {
  const action = "exDay" in a ? a : parseCorporateAction(a);
  const hit = action.priceMemo.get(p0);
  if (hit !== undefined) return hit;
  const price = tryParseDecimal(p0);
  if (price === null || price.lte(0)) throw new RangeError(`Grant price must be a positive decimal: ${p0}`);
  const result = formatPrice(action.price(price));
  if (action.priceMemo.size >= CACHE_LIMIT) action.priceMemo.clear();
  action.priceMemo.set(p0, result);
  return result;
}

/**
 * Applies one corporate action to a quantity and grant price. Throws PRICE_BELOW_PAR when the
 * new price is below par value (Measures art. 23) and flags a price at or below 1 yuan, which
 * plan texts forbid after a dividend adjustment.
 */
export function applyCorporateAction(
  current: { readonly quantity: number; readonly price: string },
  a: CorporateActionInput,
  parValue: string,
): AdjustmentResult {
  const price = adjustPrice(current.price, a);
  return { quantity: adjustQuantity(current.quantity, a), price, flags: checkAdjustedPrice(price, parValue, a) };
}

/** Enforces the par-value floor on an adjusted price (PRICE_BELOW_PAR) and returns its warning flags. */
export function checkAdjustedPrice(price: string, parValue: string, a: CorporateActionInput): AdjustmentFlag[] {
  const key = `${price}|${parValue}`;
  let verdict = priceChecks.get(key);
  if (verdict === undefined) {
    const p = new Dec(price);
    const par = tryParseDecimal(parValue);
    if (par === null || par.lte(0)) throw new RangeError(`Par value must be a positive decimal: ${parValue}`);
    verdict = p.lt(par) ? "below_par" : p.lte(1) ? ["PRICE_AT_OR_BELOW_ONE_YUAN"] : [];
    if (priceChecks.size >= CACHE_LIMIT) priceChecks.clear();
    priceChecks.set(key, verdict);
  }
  if (verdict === "below_par") {
    throw new RuleError("PRICE_BELOW_PAR", { price, parValue, type: a.type, exDate: a.exDate });
  }
  return [...verdict];
}
