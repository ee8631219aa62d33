import { getTranslations } from "next-intl/server";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import type { Locale } from "@/i18n/locales";
import { formatShares } from "../_components/format";
import { CopyValue } from "./CopyValue";
import { TaxEstimate } from "./TaxEstimate";
import { deadlineState, finalTaxReason, finalTaxTotal, formatMoney, formatPricePerShare, formatRate } from "./figures";

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
  const shares = (n: number) => formatShares(n, locale);
  const money = (a: string) => formatMoney(a, locale);

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

        <section aria-labelledby={`batch-${batch.id}-lines`} className="space-y-2">
          <h3 id={`batch-${batch.id}-lines`} className="text-sm font-medium text-slate-500">
            {t("myVesting.lines.title")}
          </h3>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
            {batch.lines.map((l) => (
              <li key={l.lineId} className="space-y-0.5 px-3 py-2" data-testid="my-line">
                <p className="text-slate-700">{lineLabels[l.lineId]}</p>
                <p className="tabular font-medium">
                  {t("myVesting.lines.calc", {
                    shares: shares(l.shares),
                    price: formatPricePerShare(l.adjustedPrice, locale),
                    amount: money(l.amountDue),
                  })}
                </p>
                {!open && l.paidShares !== null && (
                  <p className="tabular text-xs text-slate-500">
                    {t("myVesting.lines.paidShares", { shares: shares(l.paidShares) })}
                    {(l.waivedShares ?? 0) > 0 &&
                      ` · ${t("myVesting.lines.waivedShares", { shares: shares(l.waivedShares!) })}`}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>

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

/** While the payment is open: the amount, the deadline, the account and the reference to write. */
async function PaymentDue({ batch, today, locale }: { batch: MyVestingBatch; today: string; locale: Locale }) {
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

/** After the payment closed: vested (paid) shares, waived shares and the refund. */
async function Outcome({ batch, locale }: { batch: MyVestingBatch; locale: Locale }) {
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

/** The figures registration fixed: the close of the registration date, the income and the tax per line. */
async function FinalTax({
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

/** A director's or senior manager's sale allowance from the vestings handled in the portal. */
async function Transfer({
  transfer,
  today,
  locale,
}: {
  transfer: NonNullable<MyVestingBatch["transfer"]>;
  today: string;
  locale: Locale;
}) {
  const t = await getTranslations("myVesting");
  return (
    <section className="space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm" data-testid="transfer">
      <h3 className="font-semibold text-brand-900">{t("transfer.title")}</h3>
      <p className="tabular font-medium text-slate-900" data-testid="transfer-line">
        {t("transfer.line", {
          tradableFrom: transfer.tradableFrom,
          upToThisYear: formatShares(transfer.upToThisYear, locale),
        })}
      </p>
      {transfer.tradableFrom <= today && transfer.sellableOnAsOf !== transfer.upToThisYear && (
        <p className="tabular text-slate-700">
          {t("transfer.sellableToday", { shares: formatShares(transfer.sellableOnAsOf, locale) })}
        </p>
      )}
      {/* A lock that ended is no longer a reason not to sell. */}
      {transfer.leaveLockUntil && transfer.leaveLockUntil >= today && (
        <p className="text-amber-900" data-testid="transfer-leave-lock">
          {t("transfer.leaveLock", { date: transfer.leaveLockUntil })}
        </p>
      )}
      {transfer.shortSwingUntil && (
        <p className="text-amber-900" data-testid="transfer-short-swing">
          {t("transfer.shortSwing", { date: transfer.shortSwingUntil })}
        </p>
      )}
      <p className="text-xs text-slate-600">{t("transfer.caveat")}</p>
    </section>
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
