import { getTranslations } from "next-intl/server";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import type { Locale } from "@/i18n/locales";
import { finalTaxReason, finalTaxTotal, formatMoney, formatPricePerShare, formatRate } from "./figures";

/** The figures registration fixed: the close of the registration date, the income and the tax per line. */
export async function FinalTax({
  batch,
  locale,
  lineLabels,
}: {
  batch: MyVestingBatch;
  locale: Locale;
  lineLabels: Record<string, string>;
}) {
  const t = await getTranslations("myVesting");
  if (!batch.tax.resident)
    return (
      <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700" data-testid="tax-not-computed">
        {t("reason.non_resident")}
      </p>
    );
  const total = finalTaxTotal(batch.lines);
  const rateOf = new Map(
    batch.tax.lines.flatMap((l) => (l.status === "computed" ? [[l.lineId, l.rate] as const] : [])),
  );
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">{t("tax.finalNote", { date: batch.registrationDate })}</p>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {batch.lines.map((l) => {
          const reason = finalTaxReason(l);
          const rate = rateOf.get(l.lineId);
          return (
            <li key={l.lineId} className="space-y-1 p-3 text-sm" data-testid={`tax-line-${l.lineId}`}>
              <p className="font-medium text-slate-800">{lineLabels[l.lineId]}</p>
              {reason === null ? (
                <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                  <Figure
                    label={t("tax.closingPrice")}
                    value={l.closingPrice === null ? "—" : formatPricePerShare(l.closingPrice, locale)}
                  />
                  <Figure label={t("tax.income")} value={formatMoney(l.taxableIncome ?? "0.00", locale)} />
                  <Figure label={t("tax.rate")} value={rate === undefined ? "—" : formatRate(rate)} />
                  <Figure label={t("tax.tax")} value={formatMoney(l.tax ?? "0.00", locale)} strong />
                </dl>
              ) : (
                <p className="text-slate-600">{t("tax.notComputedBecause", { reason: t(`reason.${reason}`) })}</p>
              )}
              {l.taxDeferralEnd && (
                <p className="text-xs text-slate-600" data-testid="tax-deferral">
                  {t("tax.deferral", { date: l.taxDeferralEnd })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex items-baseline justify-between gap-3">
        <span className="text-sm font-medium text-slate-700">{t("tax.totalFinal")}</span>
        {total !== null ? (
          <span className="tabular text-xl font-semibold" data-testid="tax-final-total">
            {formatMoney(total, locale)}
          </span>
        ) : (
          <span className="text-right text-sm text-slate-600">{t("tax.totalUnknown")}</span>
        )}
      </div>
    </div>
  );
}

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`tabular break-words ${strong ? "font-semibold" : ""}`}>{value}</dd>
    </div>
  );
}
