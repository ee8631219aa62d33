import { addDays, addMonthsClamped, compareIsoDates, maxIsoDate, parseIsoDate } from "../calendar/isoDate";

/**
 * How many vested shares a grantee may sell, and from when. Class II plans usually set no lock-up
 * after vesting ("获授股票归属后不设置禁售期"), so an ordinary grantee may sell everything once the
 * shares are listed; directors and senior managers (董高) stay under the statutory limits below,
 * which is why they "can sell only a quarter of what vested".
 *
 * Counting of months: the period does not count its first day and ends on the same day of the
 * month (or the month's last day), as 民法典 第二百零一、二百零二条 count periods (statute, not quoted
 * from the sources read). A "…Until" date is therefore the last day inside the period.
 */

/** The rules this module applies. */
export type TransferRuleId =
  | "no_statutory_limit"
  | "after_term"
  | "annual_quota_25"
  | "small_holding_1000"
  | "leave_lock_6_months"
  | "short_swing_6_months";

/** A rule as data: what it says, from when, and the source it is taken from. */
export type TransferRule = {
  readonly id: TransferRuleId;
  readonly from: string;
  readonly to: string | null;
  readonly summary: string;
  readonly source: string;
};

const COMPANY_LAW = "《中华人民共和国公司法》(2023 revision, in force 2024-07-01) 第一百六十条";
const CSRC_RULES_2024 = "《上市公司董事和高级管理人员所持本公司股份及其变动管理规则》(CSRC, 2024)";

/** The rules, with the date from which both the Company Law revision and the 2024 CSRC rules are in force. */
export const TRANSFER_RULES: readonly TransferRule[] = Object.freeze([
  {
    id: "no_statutory_limit",
    from: "2024-07-01",
    to: null,
    summary: "Not a director or senior manager: the limits below do not apply; Class II plans set no lock-up.",
    source: `${COMPANY_LAW} binds directors, supervisors and senior managers only; plan texts: 获授股票归属后不设置禁售期`,
  },
  {
    id: "after_term",
    from: "2024-07-01",
    to: null,
    summary: "Left office and past the original term plus 6 months: the annual cap no longer applies.",
    source: `${CSRC_RULES_2024}: the cap runs during the term fixed on taking office and 6 months after it ends`,
  },
  {
    id: "annual_quota_25",
    from: "2024-07-01",
    to: null,
    summary:
      "At most 25 % per calendar year of the holding at the previous year-end; new unrestricted shares add 25 % of themselves to this year's quota.",
    source: `${COMPANY_LAW}; ${CSRC_RULES_2024}`,
  },
  {
    id: "small_holding_1000",
    from: "2024-07-01",
    to: null,
    summary: "A holding of at most 1,000 shares may be transferred in full at once.",
    source: CSRC_RULES_2024,
  },
  {
    id: "leave_lock_6_months",
    from: "2024-07-01",
    to: null,
    summary: "No transfer within 6 months after leaving office.",
    source: `${COMPANY_LAW} (离职后半年内，不得转让其所持有的本公司股份); ${CSRC_RULES_2024}`,
  },
  {
    id: "short_swing_6_months",
    from: "2020-03-01",
    to: null,
    summary:
      "A sale within 6 months of a purchase hands the profit to the company; whether a vesting is a purchase is unsettled, so such a sale is flagged for review.",
    source: "《中华人民共和国证券法》(2019 revision) 第四十四条",
  },
]);

/** The rule with `id` in force on `date`; RangeError when the data does not cover the date. */
export function transferRuleOn(id: TransferRuleId, date: string): TransferRule {
  parseIsoDate(date);
  const rule = TRANSFER_RULES.find(
    (r) => r.id === id && compareIsoDates(r.from, date) <= 0 && (r.to === null || compareIsoDates(date, r.to) <= 0),
  );
  if (rule === undefined) throw new RangeError(`No transfer rule ${id} in the data for ${date}`);
  return rule;
}

/** A vesting of the calendar year of `asOf`, registered already or scheduled. */
export type VestedShares = {
  readonly registrationDate: string;
  /** The day the shares are listed (上市流通) and can be sold, from the 归属结果暨股份上市公告. */
  readonly listingDate: string;
  readonly shares: number;
};

export type TransferAllowanceInput = {
  /** True for a serving director or senior manager and for one who left (then `leftOfficeOn` is set). */
  readonly isDirectorOrSeniorManager: boolean;
  readonly asOf: string;
  /** Shares held at the previous year-end: the base of this year's 25 %. */
  readonly holdingAtPreviousYearEnd: number;
  /** This year's vestings (Class II shares are unrestricted once listed); other acquisitions are not modelled. */
  readonly vestedThisYear: readonly VestedShares[];
  /** Shares sold (transferred) this calendar year up to `asOf`. */
  readonly soldThisYear: number;
  readonly leftOfficeOn: string | null;
  /** End of the term fixed on taking office; when unknown, a leaver stays under the annual cap. */
  readonly originalTermEndsOn?: string | null;
  /** The latest vesting registration, of any year; this year's registrations are taken into account too. */
  readonly lastVestingRegistrationDate: string | null;
};

export type TransferAllowance = {
  /** True while the director and senior manager rules bind the person. */
  readonly limited: boolean;
  /** First date, on or after `asOf`, from which all of `upToThisYear` may be sold (a calendar date, not a trading day). */
  readonly tradableFrom: string;
  /** Shares the person may still sell in this calendar year, counting the vestings listed within it. */
  readonly upToThisYear: number;
  /** Shares that may be sold on `asOf` itself: listed shares only, none inside the leave lock. */
  readonly sellableOnAsOf: number;
  /** Shares held, all of this year's vestings included, less the year's sales. */
  readonly holding: number;
  /** Last day of the 6 months after leaving office; null for a serving director or a non-director. */
  readonly leaveLockUntil: string | null;
  /** Last day a sale is flagged as a possible short swing; null when no vesting registration is that recent. */
  readonly shortSwingUntil: string | null;
  /** The rule that sets `upToThisYear`. */
  readonly rule: { readonly id: TransferRuleId; readonly source: string };
  /** Every rule that shaped the answer (the one above, the leave lock and the short-swing flag when they apply). */
  readonly appliedRules: readonly { readonly id: TransferRuleId; readonly source: string }[];
};

const SMALL_HOLDING = 1000;

function shareCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer: ${value}`);
  return value;
}

/** A quarter of a share count, rounded down: a quota is never overstated. */
function quarter(shares: number): number {
  return Math.floor(shares / 4);
}

function ref(id: TransferRuleId, asOf: string): { id: TransferRuleId; source: string } {
  const rule = transferRuleOn(id, asOf);
  return { id: rule.id, source: rule.source };
}

/**
 * The sale allowance of a grantee on `asOf`. Directors and senior managers:
 * - annual_quota_25: ⌊25 % × previous year-end holding⌋ + ⌊25 % × each vesting listed this year⌋ −
 *   the year's sales (CSDC unlocks each addition's quarter on its own; rounding down keeps the figure
 *   on the safe side), between 0 and the listed holding;
 * - small_holding_1000: a holding of at most 1,000 shares (all of this year's vestings included) may
 *   be sold in full;
 * - leave_lock_6_months: nothing from the day of leaving to `leaveLockUntil`; the annual cap stays
 *   for the original term plus 6 months (after_term once `originalTermEndsOn` shows it has passed);
 * - short_swing_6_months: a sale up to 6 months after the latest vesting registration is flagged
 *   (a registration after `asOf` flags the sales before it, 6 months either side).
 * Share dividends that raise the quota in proportion are not modelled. Throws RangeError on
 * malformed input, a vesting registered in another year, or sales above the holding.
 */
export function transferAllowance(input: TransferAllowanceInput): TransferAllowance {
  const { asOf, isDirectorOrSeniorManager: director, leftOfficeOn } = input;
  const year = parseIsoDate(asOf).year;
  const yearEnd = `${year}-12-31`;
  const base = shareCount("holdingAtPreviousYearEnd", input.holdingAtPreviousYearEnd);
  const sold = shareCount("soldThisYear", input.soldThisYear);
  if (leftOfficeOn !== null) parseIsoDate(leftOfficeOn);
  if (!director && leftOfficeOn !== null)
    throw new RangeError("leftOfficeOn is for a (former) director or senior manager");
  for (const v of input.vestedThisYear) {
    shareCount("vested shares", v.shares);
    if (parseIsoDate(v.registrationDate).year !== year)
      throw new RangeError(`Vesting registered on ${v.registrationDate} is not in ${year}`);
    if (compareIsoDates(v.listingDate, v.registrationDate) < 0)
      throw new RangeError(`Listing ${v.listingDate} before registration ${v.registrationDate}`);
  }

  const listedBy = (date: string) => input.vestedThisYear.filter((v) => compareIsoDates(v.listingDate, date) <= 0);
  const sum = (vs: readonly VestedShares[]) => vs.reduce((n, v) => n + v.shares, 0);
  const holding = base + sum(input.vestedThisYear) - sold;
  const holdingOnAsOf = base + sum(listedBy(asOf)) - sold;
  if (holdingOnAsOf < 0) throw new RangeError(`Sold ${sold} shares of a holding of ${holding + sold}`);
  const listedInYear = listedBy(yearEnd);
  const lastListing = listedInYear.reduce((d, v) => maxIsoDate(d, v.listingDate), asOf);
  const holdingInYear = base + sum(listedInYear) - sold;

  const shortSwing = shortSwingUntil(input, asOf);
  const flags = director && shortSwing !== null ? [ref("short_swing_6_months", asOf)] : [];
  const leaveLockUntil = leftOfficeOn === null ? null : addMonthsClamped(leftOfficeOn, 6);
  const termEnd = input.originalTermEndsOn ?? null;
  if (termEnd !== null) parseIsoDate(termEnd);
  // A leaver is free once both the leave lock and the original term plus 6 months are over.
  const capEnded =
    leaveLockUntil !== null &&
    termEnd !== null &&
    compareIsoDates(asOf, leaveLockUntil) > 0 &&
    compareIsoDates(asOf, addMonthsClamped(termEnd, 6)) > 0;

  if (!director || capEnded) {
    const rule = ref(director ? "after_term" : "no_statutory_limit", asOf);
    return {
      limited: false,
      tradableFrom: lastListing,
      upToThisYear: holdingInYear,
      sellableOnAsOf: holdingOnAsOf,
      holding,
      leaveLockUntil,
      shortSwingUntil: director ? shortSwing : null,
      rule,
      appliedRules: [rule, ...flags],
    };
  }

  const small = holding <= SMALL_HOLDING;
  const quota = (vs: readonly VestedShares[], held: number) =>
    small ? held : Math.min(held, Math.max(0, quarter(base) + vs.reduce((n, v) => n + quarter(v.shares), 0) - sold));
  const locked =
    leftOfficeOn !== null &&
    leaveLockUntil !== null &&
    compareIsoDates(leftOfficeOn, asOf) <= 0 &&
    compareIsoDates(asOf, leaveLockUntil) <= 0;
  const tradableFrom = locked ? maxIsoDate(lastListing, addDays(leaveLockUntil, 1)) : lastListing;
  const rule = ref(small ? "small_holding_1000" : "annual_quota_25", asOf);
  return {
    limited: true,
    tradableFrom,
    // A lock that runs past the year-end leaves no day of this year to sell on.
    upToThisYear: compareIsoDates(tradableFrom, yearEnd) > 0 ? 0 : quota(listedInYear, holdingInYear),
    sellableOnAsOf: locked ? 0 : quota(listedBy(asOf), holdingOnAsOf),
    holding,
    leaveLockUntil,
    shortSwingUntil: shortSwing,
    rule,
    appliedRules: [rule, ...(locked ? [ref("leave_lock_6_months", asOf)] : []), ...flags],
  };
}

/** Last day of the 6 months after the latest vesting registration, or null when that day is before `asOf`. */
function shortSwingUntil(input: TransferAllowanceInput, asOf: string): string | null {
  const dates = input.vestedThisYear.map((v) => v.registrationDate);
  if (input.lastVestingRegistrationDate !== null) dates.push(input.lastVestingRegistrationDate);
  if (dates.length === 0) return null;
  const until = addMonthsClamped(dates.reduce(maxIsoDate), 6);
  return compareIsoDates(until, asOf) >= 0 ? until : null;
}
