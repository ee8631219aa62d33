import { addMonthsClamped, daysBetween, parseIsoDate } from "../calendar/isoDate";

/**
 * How a tranche's expense is spread over its service period:
 * - "monthly": equal parts per calendar month, the grant month counted in full and the vesting month not
 *   (the convention of the published tables the tests pin: 生益电子 and 安杰思 grant notices, 2025);
 * - "daily": in proportion to the days elapsed, for companies that prorate the grant month.
 */
export type AmortisationConvention = "monthly" | "daily";

/** A lapse that reverses expense (a leaver, a failed appraisal): shares and the date it took effect. */
export interface Forfeiture {
  date: string;
  shares: number;
}

/** One tranche (or a sum of tranches with the same dates and value) to be expensed. */
export interface ExpenseTranche {
  key: string;
  grantDate: string;
  /** Months from the grant date to the tranche's first vesting date: its own service period. */
  serviceMonths: number;
  /** Fair value per share at the grant date, in yuan with 2 decimals. */
  fairValue: string;
  /** Shares expected to vest at the grant date; may be fractional once re-expressed in grant-date units. */
  shares: number;
  forfeitures: readonly Forfeiture[];
}

/** The expense booked in one calendar month ("YYYY-MM"), in fen; negative for a catch-up reversal. */
export interface MonthlyAmount {
  month: string;
  amountFen: number;
}

/**
 * The monthly expense of one tranche by graded vesting (CAS 11 第六条; IFRS 2 IG11): the tranche is
 * expensed over its own service period, and at each month end the cumulative expense is re-estimated as
 * (shares still expected to vest) × fair value × (share of the service period elapsed). A month's expense
 * is the change in that cumulative figure, so a forfeiture books its whole catch-up in the month it takes
 * effect, and later months carry on from the lower count. Cumulative figures are rounded to the fen, so
 * the months always add up to the tranche's final total exactly.
 */
export function trancheExpenseByMonth(t: ExpenseTranche, convention: AmortisationConvention): MonthlyAmount[] {
  if (!Number.isInteger(t.serviceMonths) || t.serviceMonths < 1) throw new RangeError("serviceMonths must be ≥ 1");
  const fvFen = fenOf(t.fairValue);
  const grant = parseIsoDate(t.grantDate);
  const firstMonth = grant.year * 12 + (grant.month - 1);
  const serviceEnd = addMonthsClamped(t.grantDate, t.serviceMonths);
  const serviceDays = daysBetween(t.grantDate, serviceEnd);
  const lastServiceMonth = convention === "monthly" ? firstMonth + t.serviceMonths - 1 : monthIndexOf(serviceEnd);
  const lastForfeitureMonth = Math.max(firstMonth, ...t.forfeitures.map((f) => monthIndexOf(f.date)));
  const lastMonth = Math.max(lastServiceMonth, lastForfeitureMonth);
  const forfeitures = [...t.forfeitures].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const out: MonthlyAmount[] = [];
  let previous = 0;
  let forfeited = 0;
  let next = 0;
  for (let m = firstMonth; m <= lastMonth; m++) {
    const monthEnd = lastDayOf(m);
    while (next < forfeitures.length && forfeitures[next]!.date <= monthEnd) forfeited += forfeitures[next++]!.shares;
    const expected = Math.max(0, t.shares - forfeited);
    const [elapsed, period] =
      convention === "monthly"
        ? [Math.min(m - firstMonth + 1, t.serviceMonths), t.serviceMonths]
        : [Math.min(daysBetween(t.grantDate, firstDayOf(m + 1)), serviceDays), serviceDays];
    // Multiplying first keeps whole-number cases exact; past 2^53 the fraction first loses less.
    const product = fvFen * expected * elapsed;
    const cumulative = Math.round(
      Number.isSafeInteger(product) ? product / period : fvFen * expected * (elapsed / period),
    );
    out.push({ month: monthLabel(m), amountFen: cumulative - previous });
    previous = cumulative;
  }
  return out;
}

/** The total a tranche's schedule ends on, in fen: shares finally expected × fair value. */
export function trancheTotalFen(t: ExpenseTranche, convention: AmortisationConvention): number {
  return trancheExpenseByMonth(t, convention).reduce((sum, m) => sum + m.amountFen, 0);
}

function fenOf(yuan: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(yuan)) throw new RangeError(`fair value "${yuan}" is not yuan with at most 2 decimals`);
  const [whole, frac = ""] = yuan.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

function monthIndexOf(iso: string): number {
  const d = parseIsoDate(iso);
  return d.year * 12 + (d.month - 1);
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function firstDayOf(index: number): string {
  return `${monthLabel(index)}-01`;
}

function lastDayOf(index: number): string {
  const d = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0));
  return d.toISOString().slice(0, 10);
}
