import type { Locale } from "@/i18n/locales";
import { daysBetween } from "@/lib/domain/calendar/isoDate";

/**
 * How the grantee's vesting page writes its figures, shared by the server cards and the tax estimate in the
 * browser. Amounts travel as exact decimal strings ("59040.00") and are only regrouped here, never parsed
 * into floats.
 */

const AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Digits of a whole number grouped by thousands: "59040" → "59,040". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Yuan to the fen with grouping: "¥59,040.00" in Chinese, "CNY 59,040.00" in English. Not a decimal: as given. */
export function formatMoney(amount: string, locale: Locale): string {
  const m = AMOUNT.exec(amount.trim());
  if (!m) return amount;
  const [, sign, int = "0", frac = ""] = m;
  const text = `${sign}${groupThousands(int.replace(/^0+(?=\d)/, ""))}.${frac.padEnd(2, "0")}`;
  return locale === "en" ? `CNY ${text}` : `¥${text}`;
}

/** A price per share as written on the page: "45.60 元" / "CNY 45.60". */
export function formatPricePerShare(price: string, locale: Locale): string {
  return locale === "en" ? `CNY ${price}` : `${price} 元`;
}

/** A rate of the tax table ("0.20", "0.1") as a percentage: "20%", "10%", "2.5%". */
export function formatRate(rate: string): string {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(rate.trim());
  if (!m) return rate;
  const [, int = "0", frac = ""] = m;
  const padded = frac.padEnd(2, "0");
  const whole = `${int}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = padded.slice(2).replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""}%`;
}

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;

/**
 * A closing price as the grantee types it, or null when it cannot be one. Chinese input methods write
 * full-width digits and "。" or "．" for the point; a trailing 元 or a leading ¥ is allowed. The result is
 * what the API accepts (lib/features/tax/schemas.ts closeAmount): a positive decimal, at most 8 digits before
 * the point and 4 after.
 */
export function parsePriceInput(text: string): string | null {
  const ascii = text
    .trim()
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[。．]/g, ".")
    .replace(/^[¥￥]\s*/, "")
    .replace(/\s*元$/, "");
  if (!/^\d{1,8}(\.\d{1,4})?$/.test(ascii) || !/[1-9]/.test(ascii)) return null;
  return ascii;
}

/** Where the payment deadline (inclusive) stands on `today`. */
export type DeadlineState =
  | { readonly kind: "ahead"; readonly days: number }
  | { readonly kind: "today" }
  | { readonly kind: "passed"; readonly days: number };

/** Days left to the deadline: "ahead" counts calendar days after today (1 = tomorrow is the last day). */
export function deadlineState(today: string, deadline: string): DeadlineState {
  const days = daysBetween(today, deadline);
  if (days > 0) return { kind: "ahead", days };
  if (days === 0) return { kind: "today" };
  return { kind: "passed", days: -days };
}

/** Why a tax figure is missing, in the words of the page (myVesting.reason.*). */
export type TaxReason = "non_resident" | "no_price" | "outside_separate_taxation";

/** A line's final tax as registration stored it. */
export interface FinalTaxLine {
  readonly taxStatus: string | null;
  readonly tax: string | null;
}

/**
 * The batch's final tax: the sum of its lines' stored tax when every line was computed, else null (one line
 * without a figure leaves the total unknown rather than understated). Null for a batch with no lines.
 */
export function finalTaxTotal(lines: readonly FinalTaxLine[]): string | null {
  if (lines.length === 0 || lines.some((l) => l.taxStatus !== "computed" || l.tax === null)) return null;
  let fen = 0n;
  for (const l of lines) fen += toFen(l.tax!);
  return fromFen(fen);
}

/** The reason of a final line without a figure; null when it was computed. Unknown statuses read as no price. */
export function finalTaxReason(line: FinalTaxLine): TaxReason | null {
  if (line.taxStatus === "computed") return null;
  if (line.taxStatus === "non_resident" || line.taxStatus === "outside_separate_taxation") return line.taxStatus;
  return "no_price";
}

function toFen(amount: string): bigint {
  const m = AMOUNT.exec(amount.trim());
  if (!m) throw new RangeError(`Not an amount: ${amount}`);
  const [, sign, int = "0", frac = ""] = m;
  if (frac.length > 2) throw new RangeError(`More than 2 decimals: ${amount}`);
  const value = BigInt(int) * 100n + BigInt(frac.padEnd(2, "0"));
  return sign ? -value : value;
}

function fromFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const int = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${int}.${frac}`;
}

/** How the estimate's price is described: the latest close HR entered (with its date), another price, or none. */
export type EstimateBasis =
  | { readonly kind: "latest"; readonly tradeDate: string; readonly close: string }
  | { readonly kind: "assumed"; readonly price: string }
  | { readonly kind: "none" };

/** The basis of an estimate at `assumedPrice`, given the latest close HR entered. Equal prices compare as numbers. */
export function estimateBasis(
  assumedPrice: string | null,
  latest: { readonly tradeDate: string; readonly close: string } | null,
): EstimateBasis {
  if (assumedPrice === null) return { kind: "none" };
  if (latest !== null && samePrice(assumedPrice, latest.close))
    return { kind: "latest", tradeDate: latest.tradeDate, close: latest.close };
  return { kind: "assumed", price: assumedPrice };
}

/** "45.6" and "45.60" are the same price. */
export function samePrice(a: string, b: string): boolean {
  const norm = (v: string) => {
    const [int = "", frac = ""] = v.trim().split(".");
    return `${int.replace(/^0+(?=\d)/, "")}.${frac.replace(/0+$/, "")}`;
  };
  return norm(a) === norm(b);
}
