import { violation, type RuleViolation } from "../errors";
import { Dec, tryParseDecimal } from "../numeric/decimal";
import type { CorporateActionInput, CorporateActionType } from "./corporateActions";

/**
 * How a person enters a share-count ratio, in the words of the board's announcement, and the n the
 * formulas take (class-ii-rules.md §1: n is per existing share).
 *
 * - "perTen": 每10股转增/送X股 (capital-reserve conversion, bonus shares, dividend with bonus shares):
 *   X extra shares per 10 shares, n = X ÷ 10 (每10股转增4股 → n = 0.4, quantities × 1.4).
 * - "oneInto": a split or consolidation, 1 share becomes N shares: n = N − 1 for a split (1 into 2 →
 *   n = 1), n = N for a consolidation (每2股合并为1股 is 1 into 0.5 → n = 0.5).
 * - "perShare": a rights issue's n is entered as it is (rights shares ÷ shares before).
 *
 * Entering 4 for "10转4" as n multiplied every quantity by 5 without a word: the entry form and the
 * confirmation rule below exist so that cannot happen unnoticed.
 */
export type RatioEntryKind = "perTen" | "oneInto" | "perShare";

/** The entry form a type's n is asked in; null for a type without n (dividend, issuance). */
export function ratioEntryKind(type: CorporateActionType): RatioEntryKind | null {
  switch (type) {
    case "capitalisation":
    case "bonus":
    case "dividend_bonus":
      return "perTen";
    case "split":
    case "consolidation":
      return "oneInto";
    case "rights":
      return "perShare";
    default:
      return null;
  }
}

/** The n for a value entered in the type's form ("4" per 10 shares → "0.4"); null when it is not a positive decimal. */
export function nFromEntry(type: CorporateActionType, entered: string): string | null {
  const value = tryParseDecimal(entered.trim());
  if (value === null || value.lte(0)) return null;
  switch (ratioEntryKind(type)) {
    case "perTen":
      return value.div(10).toFixed();
    case "oneInto":
      return type === "split" ? (value.gt(1) ? value.minus(1).toFixed() : null) : value.toFixed();
    case "perShare":
      return value.toFixed();
    default:
      return null;
  }
}

/** The value to show in the type's entry form for a stored n (the inverse of nFromEntry). */
export function entryFromN(type: CorporateActionType, n: string): string | null {
  const value = tryParseDecimal(n);
  if (value === null) return null;
  switch (ratioEntryKind(type)) {
    case "perTen":
      return value.times(10).toFixed();
    case "oneInto":
      return type === "split" ? value.plus(1).toFixed() : value.toFixed();
    case "perShare":
      return value.toFixed();
    default:
      return null;
  }
}

/**
 * What one share's quantity is multiplied by, as exact decimal text ("1.4"); null when the action does not
 * change quantities or its parameters are incomplete. A rights issue's factor depends on P1 and P2 and is
 * rounded to 4 decimals for display.
 */
export function quantityFactorText(a: Pick<CorporateActionInput, "type" | "n" | "p1" | "p2">): string | null {
  const n = tryParseDecimal(a.n);
  if (n === null || n.lte(0)) return null;
  switch (a.type) {
    case "capitalisation":
    case "bonus":
    case "split":
    case "dividend_bonus":
      return n.plus(1).toFixed();
    case "consolidation":
      return n.toFixed();
    case "rights": {
      const p1 = tryParseDecimal(a.p1);
      const p2 = tryParseDecimal(a.p2);
      if (p1 === null || p2 === null || p1.lte(0) || p2.lte(0)) return null;
      return p1
        .times(n.plus(1))
        .div(p1.plus(p2.times(n)))
        .toDecimalPlaces(4)
        .toFixed();
    }
    default:
      return null;
  }
}

/** The ratio as announcements write it: "1 : 1.4" (each share before becomes 1.4 shares). */
export function ratioText(factor: string): string {
  return `1 : ${factor}`;
}

/** Above this quantity multiplier the form asks the user to tick a warning before submitting. */
export const LARGE_QUANTITY_FACTOR = 2;

/** True when the action multiplies quantities by more than LARGE_QUANTITY_FACTOR. */
export function multipliesQuantitiesByMoreThanTwo(a: Pick<CorporateActionInput, "type" | "n" | "p1" | "p2">): boolean {
  const factor = quantityFactorText(a);
  return factor !== null && new Dec(factor).gt(LARGE_QUANTITY_FACTOR);
}

/**
 * A bonus issue or capital-reserve conversion with n > 1 (more than 10 extra shares per 10) is rare and
 * is what n entered "per 10 shares" looks like (4 for 每10股转增4股): refused (LARGE_RATIO_UNCONFIRMED,
 * naming the resulting ratio) unless the caller confirms it. Splits are left out: 1 into 10 is normal.
 */
export function checkLargeRatio(a: CorporateActionInput, confirmed: boolean): RuleViolation[] {
  if (confirmed || ratioEntryKind(a.type) !== "perTen") return [];
  const n = tryParseDecimal(a.n);
  if (n === null || n.lte(1)) return [];
  const factor = n.plus(1).toFixed();
  return [
    violation("LARGE_RATIO_UNCONFIRMED", {
      type: a.type,
      n: n.toFixed(),
      factor,
      ratio: ratioText(factor),
      perTen: n.times(10).toFixed(),
      intendedN: n.div(10).toFixed(),
    }),
  ];
}
