import { formatAmount } from "./money";
import type { Locale } from "@/i18n/locales";
import type { ExpensePeriodRow } from "@/lib/features/expense/expenseTable";

/** Expense per period: the total and one column per grant resolution (or the draft), with a total row. */
export function PeriodTable({
  periods,
  columns,
  total,
  labels,
  locale,
}: {
  periods: ExpensePeriodRow[];
  columns: { id: string; label: string }[];
  total: string;
  labels: { period: string; amount: string; sum: string };
  locale: Locale;
}) {
  const money = (v: string) => formatAmount(v, locale);
  const columnTotal = (id: string) => {
    const fen = periods.reduce((s, p) => s + Math.round(Number(p.byColumn[id] ?? "0") * 100), 0);
    return money((fen / 100).toFixed(2));
  };
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="expense-table">
        <thead className="whitespace-nowrap bg-slate-50 text-left text-xs text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">{labels.period}</th>
            <th className="px-3 py-2 text-right font-medium">{labels.amount}</th>
            {columns.length > 1 &&
              columns.map((c) => (
                <th key={c.id} className="px-3 py-2 text-right font-medium">
                  {c.label}
                </th>
              ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {periods.map((row) => (
            <tr key={row.period} data-testid="expense-row" data-period={row.period}>
              <td className="whitespace-nowrap px-3 py-1.5">{row.period}</td>
              <td
                className={`whitespace-nowrap px-3 py-1.5 text-right font-medium ${row.amount.startsWith("-") ? "text-rose-700" : ""}`}
                data-testid="expense-row-amount"
              >
                {money(row.amount)}
              </td>
              {columns.length > 1 &&
                columns.map((c) => (
                  <td key={c.id} className="whitespace-nowrap px-3 py-1.5 text-right">
                    {money(row.byColumn[c.id] ?? "0.00")}
                  </td>
                ))}
            </tr>
          ))}
          <tr className="bg-slate-50 font-semibold">
            <td className="px-3 py-1.5">{labels.sum}</td>
            <td className="whitespace-nowrap px-3 py-1.5 text-right" data-testid="expense-table-total">
              {money(total)}
            </td>
            {columns.length > 1 &&
              columns.map((c) => (
                <td key={c.id} className="whitespace-nowrap px-3 py-1.5 text-right">
                  {columnTotal(c.id)}
                </td>
              ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
