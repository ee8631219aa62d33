import { RuleError } from "../errors";
import { Dec, tryParseDecimal } from "../numeric/decimal";

/**
 * The support schedule for the capital-verification report (验资报告) of a vesting from new issuance:
 * the CPA states what was received, the part booked to share capital (shares × par value, 股本) and
 * the rest booked to capital reserve (资本公积—股本溢价), per 《中国注册会计师审计准则第1602号——验资》.
 * The schedule ties out: the per-person figures add up exactly to the totals.
 */

/** One vesting line as paid: the shares that vest and the price paid for them. */
export type PaidVestingLine = {
  readonly employeeNo: string;
  readonly name: string;
  /** Paid shares, the ones that vest. */
  readonly shares: number;
  /** What those shares cost, "29992.32": the refund of any excess is not part of it. */
  readonly amount: string;
};

/** One grantee's row of the schedule (their lines in the batch added up). */
export type CapitalVerificationRow = {
  readonly employeeNo: string;
  readonly name: string;
  readonly shares: number;
  readonly amount: string;
  readonly toShareCapital: string;
  readonly toCapitalReserve: string;
};

export type CapitalVerificationSummary = {
  /** Grantees with at least one vesting share. */
  readonly people: number;
  readonly shares: number;
  readonly amount: string;
  /** Total shares × par value, rounded half-up to 0.01: the increase of the registered capital. */
  readonly toShareCapital: string;
  /** amount − toShareCapital. */
  readonly toCapitalReserve: string;
  /** In order of first appearance. */
  readonly perPerson: CapitalVerificationRow[];
};

const MONEY = /^\d+(\.\d{1,2})?$/;
const FEN = new Dec("0.01");

type Person = { employeeNo: string; name: string; shares: number; amount: Dec; capital: Dec };

/**
 * Adds the paid lines up per grantee (by employee no.) and splits the money into share capital and
 * capital reserve. Grantees who vest no share (they waived everything) are left out.
 *
 * The total share capital is total shares × par, rounded once. With a par value in whole fen (1.00,
 * 0.10) every person's part is exact; with a finer par (up to 4 decimals) each person gets their
 * exact part rounded down to the fen and the fen left over go one each to the largest remainders
 * (first appearance breaks a tie), so the rows still add up to the total.
 *
 * Throws RangeError on a par value that is not positive, a bad share count or amount (or an amount
 * for a grantee who vests no share: money for no shares is a refund, not capital), and RuleError
 * PRICE_BELOW_PAR when a grantee's money does not cover their shares at par (the reserve would be
 * negative: the price cannot be below par).
 */
export function capitalVerificationSummary(
  lines: readonly PaidVestingLine[],
  parValue: string,
): CapitalVerificationSummary {
  const par = tryParseDecimal(parValue);
  if (par === null || !par.gt(0)) throw new RangeError(`Par value must be a positive decimal: ${parValue}`);

  const byEmployee = new Map<string, Person>();
  for (const l of lines) {
    if (!Number.isSafeInteger(l.shares) || l.shares < 0)
      throw new RangeError(`shares must be a non-negative integer: ${l.shares}`);
    if (typeof l.amount !== "string" || !MONEY.test(l.amount))
      throw new RangeError(`amount must be a non-negative amount with at most 2 decimals: ${l.amount}`);
    const p = byEmployee.get(l.employeeNo) ?? {
      employeeNo: l.employeeNo,
      name: l.name,
      shares: 0,
      amount: new Dec(0),
      capital: new Dec(0),
    };
    p.shares += l.shares;
    p.amount = p.amount.plus(l.amount);
    byEmployee.set(l.employeeNo, p);
  }
  for (const p of byEmployee.values()) {
    if (p.shares === 0 && !p.amount.isZero())
      throw new RangeError(`${p.employeeNo} vests no share but has an amount of ${p.amount.toFixed(2)}`);
  }
  const people = [...byEmployee.values()].filter((p) => p.shares > 0);
  const shares = people.reduce((sum, p) => sum + p.shares, 0);
  if (!Number.isSafeInteger(shares)) throw new RangeError(`Total shares exceed the safe integer range: ${shares}`);
  const toShareCapital = new Dec(shares).times(par).toDecimalPlaces(2, Dec.ROUND_HALF_UP);

  // Largest remainders: floor each exact part to the fen, then hand out the fen still missing.
  const remainders = people.map((p, i) => {
    const exact = new Dec(p.shares).times(par);
    p.capital = exact.toDecimalPlaces(2, Dec.ROUND_DOWN);
    return { i, rest: exact.minus(p.capital) };
  });
  let missing = toShareCapital
    .minus(people.reduce((sum, p) => sum.plus(p.capital), new Dec(0)))
    .div(FEN)
    .toNumber();
  remainders.sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of remainders) {
    if (missing <= 0) break;
    people[i]!.capital = people[i]!.capital.plus(FEN);
    missing -= 1;
  }

  const perPerson = people.map((p) => {
    const reserve = p.amount.minus(p.capital);
    if (reserve.isNegative()) {
      throw new RuleError("PRICE_BELOW_PAR", {
        employeeNo: p.employeeNo,
        shares: p.shares,
        amount: p.amount.toFixed(2),
        parValue,
      });
    }
    return {
      employeeNo: p.employeeNo,
      name: p.name,
      shares: p.shares,
      amount: p.amount.toFixed(2),
      toShareCapital: p.capital.toFixed(2),
      toCapitalReserve: reserve.toFixed(2),
    };
  });
  const amount = people.reduce((sum, p) => sum.plus(p.amount), new Dec(0));
  return {
    people: people.length,
    shares,
    amount: amount.toFixed(2),
    toShareCapital: toShareCapital.toFixed(2),
    toCapitalReserve: amount.minus(toShareCapital).toFixed(2),
    perPerson,
  };
}
