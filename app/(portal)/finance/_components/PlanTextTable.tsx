import { getTranslations } from "next-intl/server";
import type { PlanTextExpenseTable } from "@/lib/domain/expense/planTextTable";

/** The table as plan texts print it: shares in 万股, the total cost and each year's part in 万元. */
export async function PlanTextTable({ table }: { table: PlanTextExpenseTable }) {
  const t = await getTranslations("financeExpense");
  return (
    <section className="space-y-2">
      <h2 className="text-base font-semibold">{t("planText")}</h2>
      <p className="text-sm text-slate-600">{t("planTextIntro")}</p>
      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="min-w-full text-center text-sm tabular-nums" data-testid="plan-text-table">
          <thead className="whitespace-nowrap bg-slate-50 text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">{t("planTextShares")}</th>
              <th className="px-3 py-2 font-medium">{t("planTextTotal")}</th>
              {table.years.map((y) => (
                <th key={y.year} className="px-3 py-2 font-medium">
                  {t("planTextYear", { year: y.year })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="px-3 py-2">{table.sharesTenThousand}</td>
              <td className="px-3 py-2 font-semibold" data-testid="plan-text-total">
                {table.total}
              </td>
              {table.years.map((y) => (
                <td key={y.year} className="px-3 py-2" data-testid="plan-text-year" data-year={y.year}>
                  {y.amount}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
