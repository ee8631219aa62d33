import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { BatchPeriodView } from "@/lib/features/vesting-batches/pageQueries";
import { num, td, th } from "./batchCells";
import { categoryName, periodKey } from "./periodText";

/** The tranche periods a batch covers, each with its company-level ratio once the conditions are confirmed. */
export async function BatchPeriods({ periods, locale }: { periods: BatchPeriodView[]; locale: Locale }) {
  const t = await getTranslations("hrVestingBatches");
  return (
    <section className="space-y-2">
      <h2 className="font-semibold">{t("periods.title")}</h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[560px] text-left text-sm" data-testid="periods-table">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className={th}>{t("periods.kind")}</th>
              <th className={th}>{t("periods.grantDate")}</th>
              <th className={th}>{t("periods.category")}</th>
              <th className={th}>{t("periods.tranche")}</th>
              <th className={`${th} text-right`}>{t("periods.companyRatio")}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={periodKey(p)} className="border-t border-slate-100" data-testid={`batch-period-${periodKey(p)}`}>
                <td className={td}>{t(`kind.${p.grantBatchKind}`)}</td>
                <td className={`${td} tabular`}>{p.grantDate}</td>
                <td className={td}>
                  {p.categoryCode !== null && <span className="text-slate-500">{p.categoryCode} · </span>}
                  {categoryName(p, locale)}
                </td>
                <td className={td}>{t("trancheN", { n: p.trancheIndex })}</td>
                <td className={num} data-testid="period-company-ratio">
                  {p.companyRatio === null
                    ? t("periods.ratioPending")
                    : `${p.companyRatio}${p.fiscalYear ? ` (FY${p.fiscalYear})` : ""}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
