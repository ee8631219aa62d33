import type { MonthlyAmount } from "./expenseSchedule";

/** The reporting grain of an expense table. */
export type ExpenseGrain = "month" | "quarter" | "year";

/** "2025-04" → "2025-04" (month), "2025Q2" (quarter) or "2025" (year): calendar fiscal years, as A-share issuers report. */
export function periodOfMonth(month: string, grain: ExpenseGrain): string {
  if (grain === "month") return month;
  const year = month.slice(0, 4);
  if (grain === "year") return year;
  return `${year}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Sums monthly amounts into periods of the grain, in calendar order. A period in which no month booked
 * anything is left out; one whose bookings net to zero (an expense and its reversal) stays, as 0.
 */
export function sumByPeriod(
  months: Iterable<MonthlyAmount>,
  grain: ExpenseGrain,
): { period: string; amountFen: number }[] {
  const sums = new Map<string, { fen: number; booked: boolean }>();
  for (const m of months) {
    const period = periodOfMonth(m.month, grain);
    const sum = sums.get(period) ?? { fen: 0, booked: false };
    sum.fen += m.amountFen;
    sum.booked ||= m.amountFen !== 0;
    sums.set(period, sum);
  }
  return [...sums]
    .filter(([, sum]) => sum.booked)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period, sum]) => ({ period, amountFen: sum.fen }));
}

/** Fen as yuan with 2 decimals, exact ("-1234.05"). */
export function yuanOfFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError("fen must be a safe integer");
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * Fen as 万元 with 2 decimals, rounded half away from zero: the unit of the "预计限制性股票实施对各期经营业绩的影响"
 * table in plan texts and grant notices.
 */
export function tenThousandYuanOfFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError("fen must be a safe integer");
  const hundredths = Math.floor((Math.abs(fen) + 5000) / 10000); // 1 万元 = 1,000,000 fen; 0.01 万元 = 10,000 fen
  const sign = fen < 0 && hundredths > 0 ? "-" : "";
  return `${sign}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}
