import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { VestingBatchDto, VestingBatchLineDto } from "@/lib/features/vesting-batches/batchDto";
import type { BatchPeriodView } from "@/lib/features/vesting-batches/pageQueries";
import { money, sharesCell, td, th } from "./batchCells";
import { categoryName } from "./periodText";
import { TaxDeferralToggle } from "./TaxDeferralToggle";

/**
 * The vesting list: one row per grantee and tranche with shares, price and payment, the paid/waived
 * split and refund once the payment closes, the tax (with its deferral) once registered, and a totals row.
 */
export async function BatchLines({
  batch,
  periods,
  closed,
  registered,
  canWrite,
  locale,
}: {
  batch: VestingBatchDto;
  periods: BatchPeriodView[];
  closed: boolean;
  registered: boolean;
  canWrite: boolean;
  locale: Locale;
}) {
  const t = await getTranslations("hrVestingBatches");
  const severalCategories = new Set(periods.map((p) => p.categoryId)).size > 1;
  const lineTranche = (l: VestingBatchLineDto) => {
    const p = periods.find((x) => x.grantBatchId === l.grantBatchId && x.categoryId === l.categoryId);
    const kind = p ? t(`kind.${p.grantBatchKind}`) : "";
    const tranche = t("trancheN", { n: l.trancheIndex });
    return [kind, severalCategories && p ? categoryName(p, locale) : null, tranche].filter(Boolean).join(" · ");
  };
  const { totals } = batch;

  return (
    <section className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{t("lines.title")}</h2>
        {batch.lines.length > 0 && <p className="text-xs text-slate-500 lg:hidden">{t("lines.scrollHint")}</p>}
      </div>
      {batch.lines.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
          {t("lines.empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="lines-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className={`${th} sticky left-0 bg-slate-50`}>{t("lines.employeeNo")}</th>
                <th className={th}>{t("lines.name")}</th>
                <th className={th}>{t("lines.tranche")}</th>
                <th className={`${th} text-right`}>{t("lines.shares")}</th>
                <th className={`${th} text-right`}>{t("lines.adjustedPrice")}</th>
                <th className={`${th} text-right`}>{t("lines.amountDue")}</th>
                <th className={`${th} text-right`}>{t("lines.paid")}</th>
                {closed && (
                  <>
                    <th className={`${th} text-right`}>{t("lines.paidShares")}</th>
                    <th className={`${th} text-right`}>{t("lines.waivedShares")}</th>
                    <th className={`${th} text-right`}>{t("lines.refund")}</th>
                  </>
                )}
                {registered && (
                  <>
                    <th className={`${th} text-right`}>{t("lines.closingPrice")}</th>
                    <th className={`${th} text-right`}>{t("lines.taxableIncome")}</th>
                    <th className={`${th} text-right`}>{t("lines.tax")}</th>
                    <th className={th}>{t("lines.taxStatus")}</th>
                    <th className={`${th} text-right`}>{t("lines.ytdIncome")}</th>
                    <th className={`${th} text-right`}>{t("lines.ytdTax")}</th>
                    <th className={th}>{t("lines.deferral")}</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {batch.lines.map((l) => {
                const deferrable = l.taxStatus === "computed" && l.tax !== null && Number(l.tax) > 0;
                return (
                  <tr
                    key={l.lineId}
                    className="border-t border-slate-100"
                    data-testid={`line-row-${l.employeeNo}`}
                    data-line-id={l.lineId}
                    data-tranche={l.trancheIndex}
                  >
                    <td className={`${td} sticky left-0 bg-white font-medium tabular`}>{l.employeeNo}</td>
                    <td className={td}>
                      {l.name}
                      {l.isDirector && (
                        <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">
                          {t("lines.director")}
                        </span>
                      )}
                      {!l.isDirector && l.isSeniorManager && (
                        <span className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-600">
                          {t("lines.seniorManager")}
                        </span>
                      )}
                    </td>
                    <td className={td}>{lineTranche(l)}</td>
                    {sharesCell(l.shares, locale, "line-shares")}
                    {money(l.adjustedPrice, "line-adjusted-price")}
                    {money(l.amountDue, "line-amount-due")}
                    {money(l.paid, "line-paid")}
                    {closed && (
                      <>
                        {sharesCell(l.paidShares, locale, "line-paid-shares")}
                        {sharesCell(l.waivedShares, locale, "line-waived-shares")}
                        {money(l.refund, "line-refund")}
                      </>
                    )}
                    {registered && (
                      <>
                        {money(l.closingPrice, "line-closing-price")}
                        {money(l.taxableIncome, "line-taxable-income")}
                        {money(l.tax, "line-tax")}
                        <td className={td} data-testid="line-tax-status" data-status={l.taxStatus ?? ""}>
                          {l.taxStatus ? t(`taxStatus.${l.taxStatus}`) : "—"}
                        </td>
                        {money(l.yearToDateIncome, "line-ytd-income")}
                        {money(l.yearToDateTax, "line-ytd-tax")}
                        <td className={td}>
                          <div className="flex items-center gap-2">
                            <span className="tabular" data-testid="line-deferral-end">
                              {l.taxDeferralEnd ? t("deferral.until", { date: l.taxDeferralEnd }) : "—"}
                            </span>
                            {deferrable && canWrite && (
                              <TaxDeferralToggle batchId={batch.id} lineId={l.lineId} deferralEnd={l.taxDeferralEnd} />
                            )}
                          </div>
                        </td>
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-200 bg-slate-50 font-medium" data-testid="totals-row">
                <td className={`${td} sticky left-0 bg-slate-50`}>{t("lines.totals")}</td>
                <td className={td} data-testid="total-people" data-value={totals.people}>
                  {t("lines.people", { n: totals.people })}
                </td>
                <td className={td} />
                {sharesCell(totals.shares, locale, "total-shares")}
                <td className={td} />
                {money(totals.amountDue, "total-amount-due")}
                {money(totals.paid, "total-paid")}
                {closed && (
                  <>
                    {sharesCell(totals.paidShares, locale, "total-paid-shares")}
                    {sharesCell(totals.waivedShares, locale, "total-waived-shares")}
                    {money(totals.refund, "total-refund")}
                  </>
                )}
                {registered && (
                  <>
                    <td className={td} />
                    <td className={td} />
                    {money(totals.tax, "total-tax")}
                    <td className={td} colSpan={4} />
                  </>
                )}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
