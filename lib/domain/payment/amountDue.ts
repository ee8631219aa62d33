import { Dec, tryParseDecimal } from "../numeric/decimal";

/**
 * The grant price a grantee pays at vesting (缴款) for a Class II tranche: vesting shares × the
 * adjusted grant price, in exact decimals. The company may not lend the money or help finance it
 * in any other way (《上市公司股权激励管理办法》第二十一条), so this is the cash the grantee
 * needs, and the figure on the payment notice, to the fen.
 */

/** Adjusted prices are stored with up to 4 decimals (vesting_batch_lines.adjusted_price); usually 2. */
const MAX_PRICE_DECIMALS = 4;
/** Money is in yuan with 2 decimals (fen). */
const MONEY = /^\d+(\.\d{1,2})?$/;

function shareCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer: ${value}`);
  return value;
}

function price(adjustedPrice: string): Dec {
  const p = tryParseDecimal(adjustedPrice);
  if (p === null || !p.gt(0) || p.decimalPlaces() > MAX_PRICE_DECIMALS)
    throw new RangeError(`Not a positive price with at most ${MAX_PRICE_DECIMALS} decimals: ${adjustedPrice}`);
  return p;
}

function money(name: string, value: string): Dec {
  if (typeof value !== "string" || !MONEY.test(value))
    throw new RangeError(`${name} must be a non-negative amount with at most 2 decimals: ${value}`);
  return new Dec(value);
}

function amountDueDec(shares: number, p: Dec): Dec {
  // The product is exact (a whole number × a price of ≤ 4 decimals); it is rounded once, for the
  // whole line, and never per share: 3 × 21.605 = 64.815 → 64.82, not 3 × 21.61 = 64.83.
  return new Dec(shares).times(p).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/**
 * The amount due for `shares` at `adjustedPrice`, as "12345.67": the exact product rounded half-up
 * to 0.01 yuan only at the end. With the usual 2-decimal price the product is already in fen and
 * nothing is rounded (3,000 × 19.68 = 59,040.00). Throws RangeError on a negative or fractional
 * share count or on a price that is not positive with at most 4 decimals.
 */
export function amountDue(shares: number, adjustedPrice: string): string {
  return amountDueDec(shareCount("shares", shares), price(adjustedPrice)).toFixed(2);
}

/** What a grantee's payments buy: the shares that vest, the rest waived, and the money to give back. */
export type PaidShares = {
  /** Shares the payments cover, at most the shares due: only these vest. */
  readonly shares: number;
  /** sharesDue − shares: they lapse at the deadline as waived by the grantee (放弃). */
  readonly waived: number;
  /** totalPaid − the amount due for `shares`, as "7.68": returned to the grantee. */
  readonly refund: string;
};

/**
 * The shares a grantee's payments (`totalPaid`, the sum of what was received, ≥ 0) cover: the most
 * whole shares, up to `sharesDue`, whose amount due — as `amountDue` computes it — the payment
 * reaches. A grantee may pay for fewer shares than allowed (only paid shares vest); money that does
 * not cover one more whole share, and anything above the full amount due, is refunded.
 *
 * Paid 30,000.00 at 19.68 for 3,000 shares: 30,000 / 19.68 = 1,524.39… → 1,524 shares (29,992.32),
 * refund 7.68, 1,476 waived. With a 2-decimal price this is floor(totalPaid / price); with a 4-decimal
 * price the amount due is rounded, so a grantee who pays exactly the notice's amount gets every share
 * (3 × 10.0049 = 30.0147 → 30.01 due; 30.01 / 10.0049 = 2.9995…, yet 30.01 buys 3 shares).
 */
export function paidShares(totalPaid: string, adjustedPrice: string, sharesDue: number): PaidShares {
  const paid = money("totalPaid", totalPaid);
  const p = price(adjustedPrice);
  const due = shareCount("sharesDue", sharesDue);
  let shares = Math.min(paid.div(p).floor().toNumber(), due);
  // Rounding the amount half-up can lower it by up to 0.005: a share whose exact price is just
  // above what is left may still be covered (at most 0.005 / price more shares, 50 at a 0.0001 price).
  while (shares < due && amountDueDec(shares + 1, p).lte(paid)) shares += 1;
  return { shares, waived: due - shares, refund: paid.minus(amountDueDec(shares, p)).toFixed(2) };
}
