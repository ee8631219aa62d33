import { getTranslations } from "next-intl/server";
import { formatAmount } from "./money";
import type { Locale } from "@/i18n/locales";
import type { ExpenseLineDto } from "@/lib/features/expense/expenseTable";

const shares = (n: number, locale: Locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);

/** Each tranche line: its service period, fair value per share, shares granted and still expected, and its expense. */
export async function LinesTable({ lines, locale }: { lines: ExpenseLineDto[]; locale: Locale }) {
  const t = await getTranslations("financeExpense");
  if (lines.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-base font-semibold">{t("lines")}</h2>
      <p className="text-sm text-slate-600">{t("linesIntro")}</p>
      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="expense-lines">
          <thead className="whitespace-nowrap bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">{t("category")}</th>
              <th className="px-3 py-2 font-medium">{t("tranche")}</th>
              <th className="px-3 py-2 font-medium">{t("serviceEnd")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("fairValue")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("sharesGranted")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("sharesExpected")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("lineTotal")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {lines.map((l) => (
              <tr key={l.key} data-testid="expense-line">
                <td className="whitespace-nowrap px-3 py-1.5">
                  <span className="block text-xs text-slate-500">{t(`columns.${l.batch}`, { date: l.grantDate })}</span>
                  {locale === "en" ? l.categoryNameEn : l.categoryName}
                </td>
                <td className="px-3 py-1.5">{l.trancheIndex}</td>
                <td className="whitespace-nowrap px-3 py-1.5">{l.serviceEnd}</td>
                <td className="px-3 py-1.5 text-right" data-testid="expense-line-fair-value">
                  {l.fairValue}
                </td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right">{shares(l.sharesGranted, locale)}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right">{shares(l.sharesExpected, locale)}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right">{formatAmount(l.total, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
