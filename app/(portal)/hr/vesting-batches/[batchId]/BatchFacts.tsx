import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import type { BatchView } from "@/lib/features/vesting-batches/pageQueries";
import { groupYuan } from "../money";
import { card, shares } from "./batchCells";

/**
 * A batch's facts (dates, payee, reference, share source, closing price) and, once it has lines, its
 * headline figures: people, shares and money, then the paid/waived split and refund once the payment
 * closes, and the tax once registered.
 */
export async function BatchFacts({
  batch,
  registrationClose,
  latestClose,
  closed,
  registered,
  locale,
}: {
  batch: VestingBatchDto;
  registrationClose: BatchView["registrationClose"];
  latestClose: BatchView["latestClose"];
  closed: boolean;
  registered: boolean;
  locale: Locale;
}) {
  const t = await getTranslations("hrVestingBatches");
  const fact = (key: string, value: React.ReactNode, testId: string) => (
    <div className="min-w-0">
      <dt className="text-slate-500">{t(`facts.${key}`)}</dt>
      <dd className="break-words tabular" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  const figure = (key: string, value: string, testId: string, raw?: string | number) => (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <p className="text-xs text-slate-500">{t(`figures.${key}`)}</p>
      <p className="text-lg font-semibold tabular" data-testid={testId} data-value={raw ?? value}>
        {value}
      </p>
    </div>
  );
  const { totals } = batch;

  return (
    <>
      <section className={card} data-testid="batch-facts">
        <h2 className="mb-3 font-semibold">{t("facts.title")}</h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {fact("registrationDate", batch.registrationDate, "batch-registration-date")}
          {fact(
            "paymentWindow",
            t("facts.window", { start: batch.paymentStart, deadline: batch.paymentDeadline }),
            "batch-payment-window",
          )}
          {fact("listingDate", batch.listingDate ?? t("facts.notYet"), "batch-listing-date")}
          {fact("payeeName", batch.payeeName, "batch-payee-name")}
          {fact("payeeBank", batch.payeeBank, "batch-payee-bank")}
          {fact("payeeAccount", batch.payeeAccount, "batch-payee-account")}
          {fact("referenceTemplate", <code className="text-xs">{batch.referenceTemplate}</code>, "batch-reference")}
          {fact("shareSource", t(`shareSource.${batch.shareSource}`), "batch-share-source")}
          {fact(
            "closingPrice",
            registrationClose ?? (latestClose ? t("facts.latestClose", latestClose) : t("facts.noPrice")),
            "batch-closing-price",
          )}
        </dl>
      </section>

      {batch.lines.length > 0 && (
        <section className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="batch-figures">
          {figure("people", String(totals.people), "figure-people", totals.people)}
          {figure("shares", shares(totals.shares, locale), "figure-shares", totals.shares)}
          {figure("amountDue", groupYuan(totals.amountDue), "figure-amount-due", totals.amountDue)}
          {figure("paid", groupYuan(totals.paid), "figure-paid", totals.paid)}
          {closed && (
            <>
              {figure("paidShares", shares(totals.paidShares, locale), "figure-paid-shares", totals.paidShares ?? "")}
              {figure(
                "waivedShares",
                shares(totals.waivedShares, locale),
                "figure-waived-shares",
                totals.waivedShares ?? "",
              )}
              {figure("refund", groupYuan(totals.refund), "figure-refund", totals.refund ?? "")}
            </>
          )}
          {registered && figure("tax", groupYuan(totals.tax), "figure-tax", totals.tax ?? "")}
        </section>
      )}
    </>
  );
}
