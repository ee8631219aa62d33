import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { companyExpensePage } from "@/lib/features/expense/queries";
import { PageHeader } from "../_components/PageHeader";
import { ExpenseChart } from "./_components/ExpenseChart";
import { GrainSwitch } from "./_components/GrainSwitch";
import { formatAmount } from "./_components/money";
import { SummaryCards } from "./_components/SummaryCards";

export const dynamic = "force-dynamic";

const GRAINS = ["year", "quarter", "month"] as const;
type Grain = (typeof GRAINS)[number];

/** The company's share-based payment expense: one column per plan, by year, quarter or month. */
export default page({ access: "financeRead" }, async ({ searchParams }) => {
  const by: Grain = GRAINS.find((g) => g === searchParams.by) ?? "year";
  const dto = await companyExpensePage({ by });
  const t = await getTranslations("financeExpense");
  const locale = toLocale(await getLocale());
  const money = (v: string) => formatAmount(v, locale);
  const unmeasured = dto.plans.reduce((s, p) => s + p.unmeasuredBatches, 0);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} testId="expense-heading" />
      <SummaryCards
        items={[
          { label: t("total"), value: money(dto.total), testId: "expense-total" },
          {
            label: t("recognised", { month: dto.asOf.slice(0, 7) }),
            value: money(dto.recognised),
            testId: "expense-recognised",
          },
          { label: t("unrecognised"), value: money(dto.unrecognised), testId: "expense-unrecognised" },
        ]}
      />
      {unmeasured > 0 && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="expense-unmeasured">
          {t("notMeasured", { count: unmeasured })}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <GrainSwitch
          basePath="/finance"
          current={by}
          labels={{ year: t("byYear"), quarter: t("byQuarter"), month: t("byMonth") }}
        />
        <span className="text-sm text-slate-600">
          {t("download")}:{" "}
          {(["xlsx", "csv"] as const).map((f) => (
            <a
              key={f}
              href={`/api/v1/expense?by=${by}&format=${f}`}
              className="mr-2 text-brand-700 hover:underline"
              data-testid={`expense-download-${f}`}
            >
              {f.toUpperCase()}
            </a>
          ))}
        </span>
      </div>
      <ExpenseChart periods={dto.periods} label={t("chartLabel")} />
      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="expense-table">
          <thead className="whitespace-nowrap bg-slate-50 text-left text-xs text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">{t("period")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("amount")}</th>
              {dto.plans.map((p) => (
                <th key={p.planId} className="px-3 py-2 text-right font-medium">
                  {locale === "en" ? p.nameEn : p.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {dto.periods.map((row) => (
              <tr key={row.period} data-testid="expense-row" data-period={row.period}>
                <td className="whitespace-nowrap px-3 py-1.5">{row.period}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right font-medium" data-testid="expense-row-amount">
                  {money(row.amount)}
                </td>
                {dto.plans.map((p) => (
                  <td key={p.planId} className="whitespace-nowrap px-3 py-1.5 text-right">
                    {money(row.byColumn[p.planId] ?? "0.00")}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="bg-slate-50 font-semibold">
              <td className="px-3 py-1.5">{t("sum")}</td>
              <td className="whitespace-nowrap px-3 py-1.5 text-right">{money(dto.total)}</td>
              {dto.plans.map((p) => (
                <td key={p.planId} className="whitespace-nowrap px-3 py-1.5 text-right">
                  {money(p.total)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t("plans")}</h2>
        {dto.plans.length === 0 && <p className="text-sm text-slate-500">{t("noPlans")}</p>}
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {dto.plans.map((p) => (
            <li key={p.planId} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <Link
                href={`/finance/plans/${p.planId}`}
                className="text-brand-700 hover:underline"
                data-testid="expense-plan-link"
              >
                {locale === "en" ? p.nameEn : p.name}
              </Link>
              <span className="tabular-nums text-slate-700">{money(p.total)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
});
