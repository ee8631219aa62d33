import { sumByPeriod, tenThousandYuanOfFen } from "./expensePeriods";
import type { MonthlyAmount } from "./expenseSchedule";

/**
 * The table plan drafts and grant notices carry under "预计限制性股票实施对各期经营业绩的影响": the shares in
 * 万股, the total cost to amortise and each calendar year's part, in 万元 with 2 decimals. Each figure is
 * rounded on its own, as the texts print them, so the years may differ from the total by 0.01.
 */
export interface PlanTextExpenseTable {
  sharesTenThousand: string;
  total: string;
  years: { year: string; amount: string }[];
}

export function planTextExpenseTable(shares: number, months: readonly MonthlyAmount[]): PlanTextExpenseTable {
  const totalFen = months.reduce((s, m) => s + m.amountFen, 0);
  return {
    sharesTenThousand: (Math.round(shares) / 10_000).toFixed(2),
    total: tenThousandYuanOfFen(totalFen),
    years: sumByPeriod(months, "year").map((p) => ({ year: p.period, amount: tenThousandYuanOfFen(p.amountFen) })),
  };
}
