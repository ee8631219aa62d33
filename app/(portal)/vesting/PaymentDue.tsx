import { getTranslations } from "next-intl/server";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import type { Locale } from "@/i18n/locales";
import { formatShares } from "../_components/format";
import { CopyValue } from "./CopyValue";
import { deadlineState, formatMoney } from "./figures";

/** While the payment is open: the amount, the deadline, the account and the reference to write. */
export async function PaymentDue({ batch, today, locale }: { batch: MyVestingBatch; today: string; locale: Locale }) {
  const t = await getTranslations("myVesting");
  const deadline = deadlineState(today, batch.paymentDeadline);
  const paidSome = batch.paid !== "0.00";
  const overpaid = batch.outstanding === "0.00" && batch.paid !== batch.amountDue;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-3">
          <div className="rounded-md bg-amber-50 p-3">
            <p className="text-sm text-amber-900">{t("amountDue")}</p>
            <p className="tabular text-3xl font-semibold tracking-tight text-slate-900" data-testid="my-amount-due">
              {formatMoney(batch.amountDue, locale)}
            </p>
            <p className="tabular text-sm text-slate-600">
              {t("sharesToVest", { shares: formatShares(batch.shares, locale) })}
            </p>
            <p className="tabular mt-2 flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="text-slate-600">{t("deadline")}</span>
              <span className="font-semibold" data-testid="my-deadline">
                {batch.paymentDeadline}
              </span>
              <span
                className={
                  deadline.kind === "ahead" && deadline.days > 3 ? "text-slate-600" : "font-medium text-rose-700"
                }
                data-testid="my-days-left"
              >
                {deadline.kind === "ahead"
                  ? t("daysLeft", { days: deadline.days })
                  : deadline.kind === "today"
                    ? t("deadlineToday")
                    : t("deadlinePassed")}
              </span>
            </p>
            <p className="tabular text-xs text-slate-500">
              {t("paymentWindow", { start: batch.paymentStart, deadline: batch.paymentDeadline })}
            </p>
          </div>

          <dl className="grid grid-cols-2 gap-3 text-sm">
            <div>
              <dt className="text-xs text-slate-500">{t("paid")}</dt>
              <dd className="tabular text-base font-semibold" data-testid="my-paid">
                {formatMoney(batch.paid, locale)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("outstanding")}</dt>
              <dd
                className={`tabular text-base font-semibold ${batch.outstanding === "0.00" ? "text-emerald-700" : "text-slate-900"}`}
                data-testid="my-outstanding"
              >
                {formatMoney(batch.outstanding, locale)}
              </dd>
            </div>
          </dl>
          {paidSome && batch.outstanding === "0.00" && (
            <p className="text-sm text-emerald-700">{overpaid ? t("overpaid") : t("paidInFull")}</p>
          )}
        </div>

        <section aria-labelledby={`batch-${batch.id}-payee`} className="space-y-3">
          <h3 id={`batch-${batch.id}-payee`} className="text-sm font-medium text-slate-500">
            {t("payee.title")}
          </h3>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-xs text-slate-500">{t("payee.name")}</dt>
              <dd className="font-medium" data-testid="my-payee-name">
                {batch.payeeName}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("payee.bank")}</dt>
              <dd className="font-medium" data-testid="my-payee-bank">
                {batch.payeeBank}
              </dd>
            </div>
            <div>
              <dt className="mb-1 text-xs text-slate-500">{t("payee.account")}</dt>
              <dd>
                <CopyValue
                  value={batch.payeeAccount}
                  testId="my-payee-account"
                  buttonTestId="copy-account"
                  buttonLabel={t("copyAccount")}
                />
              </dd>
            </div>
            <div>
              <dt className="mb-1 text-xs text-slate-500">{t("payee.reference")}</dt>
              <dd className="space-y-1">
                <CopyValue
                  value={batch.reference}
                  testId="my-reference"
                  buttonTestId="copy-reference"
                  buttonLabel={t("copyReference")}
                />
                <p className="text-xs text-slate-500">{t("payee.referenceHelp")}</p>
              </dd>
            </div>
          </dl>
        </section>
      </div>

      <p
        className="rounded-md border border-amber-200 bg-white p-3 text-sm text-amber-900"
        data-testid="my-partial-note"
      >
        {t("partialNote")}
      </p>
    </div>
  );
}
