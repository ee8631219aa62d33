import { getTranslations } from "next-intl/server";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import type { Locale } from "@/i18n/locales";
import { formatShares } from "../_components/format";
import { formatMoney } from "./figures";

/** After the payment closed: vested (paid) shares, waived shares and the refund. */
export async function Outcome({ batch, locale }: { batch: MyVestingBatch; locale: Locale }) {
  const t = await getTranslations("myVesting");
  const refund = batch.refund ?? "0.00";
  return (
    <section aria-labelledby={`batch-${batch.id}-outcome`} className="space-y-2">
      <h3 id={`batch-${batch.id}-outcome`} className="text-sm font-medium text-slate-500">
        {t("outcome.title")}
      </h3>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <div className="rounded-md bg-emerald-50 p-3">
          <dt className="text-xs text-emerald-800">{t("outcome.paidShares")}</dt>
          <dd className="tabular text-xl font-semibold text-slate-900">
            <span data-testid="my-paid-shares">{formatShares(batch.paidShares ?? 0, locale)}</span>{" "}
            <span className="text-sm font-normal text-slate-500">{t("outcome.sharesUnit")}</span>
          </dd>
        </div>
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-xs text-slate-600">{t("outcome.waivedShares")}</dt>
          <dd className="tabular text-xl font-semibold text-slate-900">
            <span data-testid="my-waived-shares">{formatShares(batch.waivedShares ?? 0, locale)}</span>{" "}
            <span className="text-sm font-normal text-slate-500">{t("outcome.sharesUnit")}</span>
          </dd>
        </div>
        <div className="col-span-2 rounded-md bg-slate-50 p-3 sm:col-span-1">
          <dt className="text-xs text-slate-600">{t("outcome.refund")}</dt>
          <dd className="tabular text-xl font-semibold text-slate-900" data-testid="my-refund">
            {formatMoney(refund, locale)}
          </dd>
        </div>
      </dl>
      <p className="tabular text-sm text-slate-600">
        {t("outcome.summary", { due: formatMoney(batch.amountDue, locale), paid: formatMoney(batch.paid, locale) })}
      </p>
      {refund !== "0.00" && (
        <p className="text-sm text-slate-700">{t("outcome.refundNote", { amount: formatMoney(refund, locale) })}</p>
      )}
    </section>
  );
}
