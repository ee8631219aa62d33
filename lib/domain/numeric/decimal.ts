import Decimal from "decimal.js";

/**
 * decimal.js constructor used for all money, price and ratio arithmetic.
 *
 * A private clone keeps the global Decimal configuration (which other code may change) from
 * affecting results. 100 significant digits make products of share counts and ratios exact,
 * and half-up is the rounding the plan announcements use for prices.
 */
export const Dec = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });

/** A decimal.js value produced by `Dec`. */
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Parses a plain decimal string ("45.26", "0.33", "-1"); null for exponents, blanks, NaN or Infinity. */
export function tryParseDecimal(value: unknown): Dec | null {
  if (typeof value !== "string" || !DECIMAL_PATTERN.test(value)) return null;
  return new Dec(value);
}

/** "0.3300" -> "0.33": a numeric column's value (it comes with its scale) as written, without trailing zeros. */
export function trimDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

/** Formats a price rounded half-up to 0.01 yuan, always with two decimals ("45.26"). */
export function formatPrice(value: Dec): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}
