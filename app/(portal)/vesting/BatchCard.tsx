import { getTranslations } from "next-intl/server";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import type { Locale } from "@/i18n/locales";
import { BatchLines } from "./BatchLines";
import { FinalTax } from "./FinalTax";
import { Outcome } from "./Outcome";
import { PaymentDue } from "./PaymentDue";
import { TaxEstimate } from "./TaxEstimate";
import { Transfer } from "./Transfer";

const STATUS_STYLE: Record<MyVestingBatch["status"], string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-500/20",
  conditions_confirmed: "bg-slate-100 text-slate-700 ring-slate-500/20",
  payment_open: "bg-amber-50 text-amber-800 ring-amber-600/30",
  payment_closed: "bg-slate-100 text-slate-700 ring-slate-500/20",
  registered: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  announced: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
};

/**
 * One vesting batch as its grantee sees it: while the payment is open, what to pay, where and by when; after
 * it closes, what vested, what was waived and what is refunded; the income tax (an estimate until the
 * registration fixes it); and for a director or senior manager what may be sold.
 */
export async function BatchCard({ batch, today, locale }: { batch: MyVestingBatch; today: string; locale: Locale }) {
  const t = await getTranslations();
  const open = batch.status === "payment_open";
  const registered = batch.status === "registered" || batch.status === "announced";
  const lineLabel = (l: MyVestingBatch["lines"][number]) =>
    t("myVesting.lines.line", {
      kind: t(`batch.${l.grantBatchKind as "first"}`),
      grantDate: l.grantDate,
      index: l.trancheIndex,
    });
  const lineLabels = Object.fromEntries(batch.lines.map((l) => [l.lineId, lineLabel(l)]));

  return (
    <article
      className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid={`my-batch-${batch.batchNo}`}
      aria-labelledby={`batch-${batch.id}-title`}
    >
      <header className="flex items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <p className="truncate text-xs text-slate-500">{locale === "en" ? batch.planNameEn : batch.planName}</p>
          <h2 id={`batch-${batch.id}-title`} className="font-semibold">
            {t("myVesting.batchTitle", { batchNo: batch.batchNo })}
          </h2>
        </div>
        <span
          className={`mt-0.5 inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[batch.status]}`}
          data-testid="my-batch-status"
        >
          {t(`myVesting.status.${batch.status as "payment_open"}`)}
        </span>
      </header>

      <div className="space-y-5 px-4 py-4">
        {open ? <PaymentDue batch={batch} today={today} locale={locale} /> : <Outcome batch={batch} locale={locale} />}

        <p className="tabular text-sm text-slate-600">
          {t("myVesting.registrationDate")} {batch.registrationDate}
          {registered && (
            <>
              {" · "}
              {t("myVesting.listingDate")} {batch.listingDate ?? t("myVesting.listingPending")}
            </>
          )}
        </p>

        <BatchLines batch={batch} open={open} locale={locale} lineLabels={lineLabels} />

        <section aria-labelledby={`batch-${batch.id}-tax`} className="space-y-2">
          <h3 id={`batch-${batch.id}-tax`} className="flex items-center gap-2 font-semibold">
            {registered ? t("myVesting.tax.finalTitle") : t("myVesting.tax.estimateTitle")}
            {!registered && (
              <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                {t("myVesting.tax.estimateBadge")}
              </span>
            )}
          </h3>
          {registered ? (
            <FinalTax batch={batch} locale={locale} lineLabels={lineLabels} />
          ) : (
            <>
              {batch.tax.resident && (
                <p className="text-xs text-slate-500">
                  {t(open ? "myVesting.tax.estimateNote" : "myVesting.tax.estimateNoteClosed")}
                </p>
              )}
              <TaxEstimate batchId={batch.id} initial={batch.tax} lineLabels={lineLabels} />
            </>
          )}
        </section>

        {batch.transfer && <Transfer transfer={batch.transfer} today={today} locale={locale} />}
      </div>
    </article>
  );
}
