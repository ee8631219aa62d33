import "server-only";
import type { MonthlyAmount } from "@/lib/domain/expense/expenseSchedule";
import { sumByPeriod, yuanOfFen, type ExpenseGrain } from "@/lib/domain/expense/expensePeriods";
import type { ExpenseLine, ExpenseLines } from "@/lib/features/expense/expenseModel";

/** One period's expense, in total and per column (a grant resolution, the draft, or a plan). */
export interface ExpensePeriodRow {
  period: string;
  amount: string;
  byColumn: Record<string, string>;
}

/** A tranche line with its totals, in yuan. */
export interface ExpenseLineDto extends ExpenseLine {
  total: string;
  recognised: string;
}

/** Periods, totals and what is booked to date, from monthly amounts keyed by column. */
export interface ExpenseTotals {
  periods: ExpensePeriodRow[];
  total: string;
  /** Booked through the end of the current month. */
  recognised: string;
  unrecognised: string;
}

const sumFen = (months: readonly MonthlyAmount[], through?: string) =>
  months.reduce((s, m) => (through === undefined || m.month <= through ? s + m.amountFen : s), 0);

/** Sums monthly amounts by column into periods of the grain, with the booked and remaining totals as of `asOf`. */
export function expenseTotals(columns: Map<string, MonthlyAmount[]>, grain: ExpenseGrain, asOf: string): ExpenseTotals {
  const byPeriod = new Map<string, { fen: number; byColumn: Map<string, number> }>();
  let totalFen = 0;
  let recognisedFen = 0;
  const currentMonth = asOf.slice(0, 7);
  for (const [column, months] of columns) {
    totalFen += sumFen(months);
    recognisedFen += sumFen(months, currentMonth);
    for (const p of sumByPeriod(months, grain)) {
      const row = byPeriod.get(p.period) ?? { fen: 0, byColumn: new Map() };
      row.fen += p.amountFen;
      row.byColumn.set(column, (row.byColumn.get(column) ?? 0) + p.amountFen);
      byPeriod.set(p.period, row);
    }
  }
  const periods = [...byPeriod]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period, row]) => ({
      period,
      amount: yuanOfFen(row.fen),
      byColumn: Object.fromEntries([...row.byColumn].map(([k, fen]) => [k, yuanOfFen(fen)])),
    }));
  return {
    periods,
    total: yuanOfFen(totalFen),
    recognised: yuanOfFen(recognisedFen),
    unrecognised: yuanOfFen(totalFen - recognisedFen),
  };
}

/** The lines' monthly amounts merged per column: a line's batch, or "draft". */
export function monthsByColumn(lines: ExpenseLines): Map<string, MonthlyAmount[]> {
  const columns = new Map<string, MonthlyAmount[]>();
  for (const line of lines.lines) {
    const column = line.batchId ?? "draft";
    columns.set(column, [...(columns.get(column) ?? []), ...(lines.months.get(line.key) ?? [])]);
  }
  return columns;
}

/** Every month of every line, as one column: what a company-wide table sums per plan. */
export function allMonths(lines: ExpenseLines): MonthlyAmount[] {
  return [...lines.months.values()].flat();
}

/** Each line with its total and booked-to-date amount. */
export function lineDtos(lines: ExpenseLines, asOf: string): ExpenseLineDto[] {
  const currentMonth = asOf.slice(0, 7);
  return lines.lines.map((line) => {
    const months = lines.months.get(line.key) ?? [];
    return { ...line, total: yuanOfFen(sumFen(months)), recognised: yuanOfFen(sumFen(months, currentMonth)) };
  });
}
