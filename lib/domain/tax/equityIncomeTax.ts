import { addMonthsClamped, parseIsoDate } from "../calendar/isoDate";
import { Dec, tryParseDecimal } from "../numeric/decimal";
import { deferralPolicyOn, rateTableOn, separateTaxationOn, type RateTable, type TaxBracket } from "./taxRules";

/**
 * Individual income tax on Class II vestings of a resident grantee, under the separate taxation of
 * listed-company equity income (财税〔2018〕164号 第二条, extended to 2027-12-31):
 *
 *   income = (closing price on the vesting day − adjusted grant price) × shares, never below 0;
 *   应纳税额 = year-to-date income × rate − quick deduction, with the annual comprehensive table.
 *
 * Vestings of one tax (calendar) year are combined, so each vesting carries the tax on the year to
 * date minus what the earlier vestings already carried: a second vesting that crosses a bracket
 * costs more than the first. Class II tax practice uses (close − price paid) × shares whether the
 * vesting is read as an option exercise (财税〔2005〕35号) or a one-day restricted-stock unlock
 * (财税〔2009〕5号); which day's close is the caller's choice, and the price used is an input.
 *
 * The engine never guesses: a non-resident (other rules: 财政部 税务总局公告2019年第35号), a missing
 * price, or a date outside every separate-taxation period gets "not_computed" with the reason.
 */

/** One vesting of this person in the tax year. */
export type VestingIncomeInput = {
  readonly id: string;
  /** The 归属 (registration) date, "yyyy-mm-dd": the tax event. */
  readonly vestingDate: string;
  readonly shares: number;
  /** Close on the day the company's rule names, "50.00"; null while unknown. */
  readonly closingPrice: string | null;
  /** The grant price as adjusted for corporate actions up to the vesting (the price paid per share). */
  readonly grantPrice: string;
};

/**
 * A person's vestings of one calendar year, in date order.
 *
 * `incomeSoFar` and `withheldSoFar` describe equity income of the same person and year that is NOT
 * in `vestings` (another plan, another system, a vesting recorded before the portal): its taxable
 * income and the tax already withheld on it. Both or neither must be given, because the withheld
 * amount alone cannot place the year-to-date income in a bracket. The year to date then starts at
 * `incomeSoFar`, and `withheldSoFar` is subtracted like the tax of an earlier listed vesting. A
 * vesting's tax is never negative: when more was withheld than the year to date owes, it is 0 and
 * the excess is set against the next vestings (no refund is computed).
 */
export type EquityIncomeTaxInput = {
  readonly person: { readonly resident: boolean };
  readonly vestings: readonly VestingIncomeInput[];
  readonly incomeSoFar?: string;
  readonly withheldSoFar?: string;
};

/** Tax of one vesting; amounts in yuan with 2 decimals. */
export type ComputedVestingTax = {
  readonly id: string;
  readonly status: "computed";
  readonly income: string;
  /** incomeSoFar + the income of this and every earlier listed vesting. */
  readonly yearToDateIncome: string;
  /** The marginal rate of the year to date, "0.30". */
  readonly rate: string;
  readonly quickDeduction: string;
  /** Tax on the year-to-date income under the table. */
  readonly yearToDateTax: string;
  /** yearToDateTax − withheldSoFar − the tax of the earlier listed vestings, at least 0. */
  readonly tax: string;
  /** Ids of the rate table and the separate-taxation period used, to keep with the figure. */
  readonly rules: { readonly rateTable: string; readonly separateTaxation: string };
  /** False when a rule used rests on a notice not found in the sources read (the 2022 extension). */
  readonly verified: boolean;
};

/** Why a vesting has no tax figure. */
export type NotComputedVestingTax =
  | { readonly id: string; readonly status: "not_computed"; readonly reason: "non_resident" }
  | { readonly id: string; readonly status: "not_computed"; readonly reason: "outside_separate_taxation" }
  | {
      readonly id: string;
      readonly status: "not_computed";
      readonly reason: "no_price";
      /** The vesting whose price is missing: this one, or an earlier one whose income the year to date needs. */
      readonly missingPriceOf: string;
    };

export type VestingTax = ComputedVestingTax | NotComputedVestingTax;

/** Prices are kept with up to 4 decimals (adjusted grant prices); closes have 2. */
const MAX_PRICE_DECIMALS = 4;
const MONEY = /^\d+(\.\d{1,2})?$/;

function price(name: string, value: string): Dec {
  const p = tryParseDecimal(value);
  if (p === null || !p.gt(0) || p.decimalPlaces() > MAX_PRICE_DECIMALS)
    throw new RangeError(`${name} must be a positive price with at most ${MAX_PRICE_DECIMALS} decimals: ${value}`);
  return p;
}

function money(name: string, value: string): Dec {
  if (typeof value !== "string" || !MONEY.test(value))
    throw new RangeError(`${name} must be a non-negative amount with at most 2 decimals: ${value}`);
  return new Dec(value);
}

function fen(value: Dec): Dec {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** Taxable income of one vesting: (close − grant price) × shares rounded half-up to the fen, 0 below the price. */
function vestingIncome(v: VestingIncomeInput, close: Dec): Dec {
  const spread = close.minus(price(`grantPrice of ${v.id}`, v.grantPrice));
  return spread.gt(0) ? fen(spread.times(v.shares)) : new Dec(0);
}

/** The bracket of an annual income: the first whose upper bound (inclusive) is not below it. */
function bracketFor(table: RateTable, income: Dec): TaxBracket {
  const bracket = table.brackets.find((b) => b.upTo === null || income.lte(b.upTo));
  if (bracket === undefined) throw new RangeError(`Rate table ${table.id} has no open top bracket`);
  return bracket;
}

function validate(input: EquityIncomeTaxInput): void {
  if (typeof input.person?.resident !== "boolean") throw new RangeError("person.resident must be a boolean");
  if ((input.incomeSoFar === undefined) !== (input.withheldSoFar === undefined))
    throw new RangeError("incomeSoFar and withheldSoFar go together: give both or neither");
  let year: number | null = null;
  let previous: string | null = null;
  for (const v of input.vestings) {
    const date = parseIsoDate(v.vestingDate);
    if (!Number.isSafeInteger(v.shares) || v.shares < 0)
      throw new RangeError(`shares of ${v.id} must be a non-negative integer: ${v.shares}`);
    price(`grantPrice of ${v.id}`, v.grantPrice);
    if (v.closingPrice !== null) price(`closingPrice of ${v.id}`, v.closingPrice);
    if (year !== null && date.year !== year)
      throw new RangeError(`Vestings of different calendar years (${year}, ${date.year}) are taxed separately`);
    if (previous !== null && v.vestingDate < previous)
      throw new RangeError(`Vestings must be in date order: ${v.vestingDate} after ${previous}`);
    year = date.year;
    previous = v.vestingDate;
  }
}

/**
 * Tax of each vesting, in the input order. Throws RangeError on malformed input, on vestings of
 * different calendar years and on vestings out of date order.
 */
export function equityIncomeTax(input: EquityIncomeTaxInput): VestingTax[] {
  validate(input);
  if (!input.person.resident)
    return input.vestings.map((v) => ({ id: v.id, status: "not_computed", reason: "non_resident" }));

  let yearToDate = input.incomeSoFar === undefined ? new Dec(0) : money("incomeSoFar", input.incomeSoFar);
  // Tax already carried by the year: withheld elsewhere plus what the earlier listed vestings carry.
  let carried = input.withheldSoFar === undefined ? new Dec(0) : money("withheldSoFar", input.withheldSoFar);
  let missingPriceOf: string | null = null;
  const out: VestingTax[] = [];
  for (const v of input.vestings) {
    const period = separateTaxationOn(v.vestingDate);
    if (period === null) {
      // Such income is not combined with the separately taxed income, so it blocks nothing after it.
      out.push({ id: v.id, status: "not_computed", reason: "outside_separate_taxation" });
      continue;
    }
    if (missingPriceOf === null && v.closingPrice === null) missingPriceOf = v.id;
    if (missingPriceOf !== null || v.closingPrice === null) {
      // Without this income every later year-to-date figure, and so its bracket, is unknown.
      out.push({ id: v.id, status: "not_computed", reason: "no_price", missingPriceOf: missingPriceOf ?? v.id });
      continue;
    }
    const table = rateTableOn(v.vestingDate);
    if (table === null) throw new RangeError(`No rate table in force on ${v.vestingDate}`);
    const income = vestingIncome(v, price(`closingPrice of ${v.id}`, v.closingPrice));
    yearToDate = yearToDate.plus(income);
    const bracket = bracketFor(table, yearToDate);
    const yearToDateTax = fen(yearToDate.times(bracket.rate).minus(bracket.quickDeduction));
    const tax = Dec.max(yearToDateTax.minus(carried), 0);
    carried = carried.plus(tax);
    out.push({
      id: v.id,
      status: "computed",
      income: income.toFixed(2),
      yearToDateIncome: yearToDate.toFixed(2),
      rate: bracket.rate,
      quickDeduction: bracket.quickDeduction,
      yearToDateTax: yearToDateTax.toFixed(2),
      tax: tax.toFixed(2),
      rules: { rateTable: table.id, separateTaxation: period.id },
      verified: [...table.sources, ...period.sources].every((s) => s.verified),
    });
  }
  return out;
}

/** A vesting's tax in an estimate, saying whether its price was the assumed one. */
export type EstimatedVestingTax = VestingTax & { readonly priceAssumed: boolean };

/**
 * "What would I pay if the price were …": equityIncomeTax with `assumedClosingPrice` standing in for
 * every closing price that is not known yet; known closes are kept. Nothing else changes, so a
 * non-resident or a date outside separate taxation still gets no figure.
 */
export function estimateTax(input: EquityIncomeTaxInput, assumedClosingPrice: string): EstimatedVestingTax[] {
  price("assumedClosingPrice", assumedClosingPrice);
  const vestings = input.vestings.map((v) =>
    v.closingPrice === null ? { ...v, closingPrice: assumedClosingPrice } : v,
  );
  return equityIncomeTax({ ...input, vestings }).map((r, i) => ({
    ...r,
    priceAssumed: input.vestings[i]?.closingPrice === null,
  }));
}

/**
 * The last day to pay the tax of a vesting on `vestingDate` in instalments: 36 months from the
 * event (财政部 税务总局公告2024年第2号), the same day of the month or, when that month is shorter,
 * its last day — the counting of 民法典 第二百零一、二百零二条 (statute, not quoted from the sources
 * read): 2026-06-15 → 2029-06-15, 2024-02-29 → 2027-02-28. Null when no policy covers the date.
 * The deferral needs a 备案 by the 15th of the following month, and a leaver pays before leaving.
 */
export function deferralEndDate(vestingDate: string): string | null {
  const policy = deferralPolicyOn(vestingDate);
  return policy === null ? null : addMonthsClamped(vestingDate, policy.maxMonths);
}
