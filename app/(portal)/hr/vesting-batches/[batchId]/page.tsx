import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { vestingBatchPage, type BatchPeriodView } from "@/lib/features/vesting-batches/pageQueries";
import type { VestingBatchLineDto } from "@/lib/features/vesting-batches/batchDto";
import { StatusBadge } from "@/app/(portal)/_components/StatusBadge";
import { formatShares } from "@/app/(portal)/_components/format";
import { groupYuan, minusYuan, sumYuan } from "../money";
import { BatchSteps } from "./BatchSteps";
import { PaymentForm, type Payer } from "./PaymentForm";
import { StatementImport } from "./StatementImport";
import { TaxDeferralToggle } from "./TaxDeferralToggle";
import { DirectorTransfers } from "./DirectorTransfers";

export const dynamic = "force-dynamic";

const STATUSES = [
  "draft",
  "conditions_confirmed",
  "payment_open",
  "payment_closed",
  "registered",
  "announced",
] as const;

/** The badge colour of a status: a draft is pending, an announced batch done, everything between under way. */
const BADGE: Record<(typeof STATUSES)[number], string> = {
  draft: "pending",
  conditions_confirmed: "vestable",
  payment_open: "vestable",
  payment_closed: "vestable",
  registered: "vestable",
  announced: "vested",
};

const card = "rounded-lg border border-slate-200 bg-white p-4";
const th = "px-2 py-2 whitespace-nowrap";
const td = "px-2 py-1.5 whitespace-nowrap";
const num = `${td} text-right tabular`;

/**
 * One vesting batch (归属批次): where it stands and its next step, its facts and periods, the payment
 * (one by one or from the bank statement) while it is open, the vesting list with payment and tax
 * figures as the batch advances, and the registers and announcement drafts it can be downloaded as.
 */
export default page({ access: "staffRead" }, async ({ user, params }) => {
  const data = await vestingBatchPage(params.batchId ?? "");
  if (!data) notFound();
  const { batch, periods, registrationClose, latestClose, today, transfers } = data;
  const t = await getTranslations("hrVestingBatches");
  const locale = toLocale(await getLocale());
  const canWrite = hasRole(user, ...STAFF_WRITE_ROLES);
  const admin = hasRole(user, "admin");
  const at = STATUSES.indexOf(batch.status);
  const reached = (s: (typeof STATUSES)[number]) => at >= STATUSES.indexOf(s);
  const closed = reached("payment_closed");
  const registered = reached("registered");

  const categoryName = (p: BatchPeriodView) => (locale === "en" ? p.categoryNameEn : p.categoryLabel);
  const periodLabel = (p: BatchPeriodView) =>
    t("periodLabel", {
      kind: t(`kind.${p.grantBatchKind}`),
      grantDate: p.grantDate,
      category: categoryName(p),
      tranche: p.trancheIndex,
    });
  const periodKey = (p: { grantBatchId: string; categoryId: string; trancheIndex: number }) =>
    `${p.grantBatchId}-${p.categoryId}-${p.trancheIndex}`;
  const periodLabels = Object.fromEntries(
    periods.map((p) => [`${p.grantBatchId}/${p.categoryId}/${p.trancheIndex}`, periodLabel(p)]),
  );
  const severalCategories = new Set(periods.map((p) => p.categoryId)).size > 1;
  const lineTranche = (l: VestingBatchLineDto) => {
    const p = periods.find((x) => x.grantBatchId === l.grantBatchId && x.categoryId === l.categoryId);
    const kind = p ? t(`kind.${p.grantBatchKind}`) : "";
    const tranche = t("trancheN", { n: l.trancheIndex });
    return [kind, severalCategories && p ? categoryName(p) : null, tranche].filter(Boolean).join(" · ");
  };

  // One payment account per grantee: the form offers each once, with what is still open.
  const payers: Payer[] = [];
  for (const l of batch.lines) {
    const p = payers.find((x) => x.employeeNo === l.employeeNo);
    if (p) {
      p.due = sumYuan([p.due, l.amountDue]);
      p.paid = sumYuan([p.paid, l.paid]);
    } else payers.push({ employeeNo: l.employeeNo, name: l.name, due: l.amountDue, paid: l.paid, outstanding: "" });
  }
  for (const p of payers) p.outstanding = minusYuan(p.due, p.paid);

  const shares = (n: number | null) => (n === null ? "—" : formatShares(n, locale));
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
  const money = (value: string | null, testId?: string) => (
    <td className={num} data-testid={testId} data-value={value ?? ""}>
      {groupYuan(value)}
    </td>
  );

  const documentUrl = (kind: string, format: string, extra = "") =>
    `/api/v1/vesting-batches/${batch.id}/documents/${kind}?format=${format}&locale=${locale}${extra}`;
  const downloads: { kind: string; formats: readonly string[]; from: (typeof STATUSES)[number] }[] = [
    { kind: "announcement-conditions", formats: ["docx", "md"], from: "conditions_confirmed" },
    { kind: "capital-verification", formats: ["csv", "xlsx"], from: "payment_closed" },
    { kind: "announcement-lapse", formats: ["docx", "md"], from: "payment_closed" },
    { kind: "withholding", formats: ["csv", "xlsx"], from: "registered" },
    { kind: "registrar-list", formats: ["csv", "xlsx"], from: "registered" },
    { kind: "announcement-result", formats: ["docx", "md"], from: "registered" },
  ];
  const available = downloads.filter((d) => reached(d.from));

  return (
    <div className="space-y-6">
      <Link
        href={`/hr/vesting-batches/plan/${batch.planId}`}
        className="text-sm text-brand-700 hover:underline"
        data-testid="batch-back"
      >
        ← {t("detail.back")}
      </Link>
      <header className="space-y-1">
        <p className="text-sm text-slate-600">
          {batch.planName} · {batch.issuerName}（{batch.stockCode}）
        </p>
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold" data-testid="batch-title">
          {t("detail.title", { n: batch.batchNo })}
          <span data-testid="batch-status" data-status={batch.status}>
            <StatusBadge status={BADGE[batch.status]} label={t(`status.${batch.status}`)} />
          </span>
        </h1>
      </header>

      <BatchSteps
        batchId={batch.id}
        batchNo={batch.batchNo}
        status={batch.status}
        canWrite={canWrite}
        registrationDate={batch.registrationDate}
        paymentDeadline={batch.paymentDeadline}
        registrationClose={registrationClose}
        today={today}
        periodLabels={periodLabels}
      >
        {batch.status === "draft" && (
          <div className="space-y-2" data-testid="draft-runs">
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {periods.map((p) => {
                const state = p.runOnRegistrationDate ? "ok" : p.run ? "other-date" : "missing";
                return (
                  <li
                    key={periodKey(p)}
                    className="flex flex-col gap-1 px-3 py-2 text-sm sm:flex-row sm:items-center sm:justify-between"
                    data-testid={`draft-period-${periodKey(p)}`}
                    data-run={state}
                  >
                    <span className="min-w-0">{periodLabel(p)}</span>
                    <span
                      className={`shrink-0 text-xs font-medium ${
                        state === "ok" ? "text-emerald-700" : state === "missing" ? "text-amber-700" : "text-rose-700"
                      }`}
                    >
                      {state === "ok"
                        ? `✓ ${t("draft.runOk", { date: p.run!.vestingDate })}`
                        : state === "missing"
                          ? t("draft.runMissing")
                          : t("draft.runOther", { date: p.run!.vestingDate })}
                    </span>
                  </li>
                );
              })}
            </ul>
            <Link
              href={`/hr/vesting/${batch.planId}`}
              className="inline-block text-sm font-medium text-brand-700 hover:underline"
              data-testid="draft-vesting-link"
            >
              {t("draft.link")} →
            </Link>
          </div>
        )}
      </BatchSteps>

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
          {figure("people", String(batch.totals.people), "figure-people", batch.totals.people)}
          {figure("shares", shares(batch.totals.shares), "figure-shares", batch.totals.shares)}
          {figure("amountDue", groupYuan(batch.totals.amountDue), "figure-amount-due", batch.totals.amountDue)}
          {figure("paid", groupYuan(batch.totals.paid), "figure-paid", batch.totals.paid)}
          {closed && (
            <>
              {figure(
                "paidShares",
                shares(batch.totals.paidShares),
                "figure-paid-shares",
                batch.totals.paidShares ?? "",
              )}
              {figure(
                "waivedShares",
                shares(batch.totals.waivedShares),
                "figure-waived-shares",
                batch.totals.waivedShares ?? "",
              )}
              {figure("refund", groupYuan(batch.totals.refund), "figure-refund", batch.totals.refund ?? "")}
            </>
          )}
          {registered && figure("tax", groupYuan(batch.totals.tax), "figure-tax", batch.totals.tax ?? "")}
        </section>
      )}

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
                <tr
                  key={periodKey(p)}
                  className="border-t border-slate-100"
                  data-testid={`batch-period-${periodKey(p)}`}
                >
                  <td className={td}>{t(`kind.${p.grantBatchKind}`)}</td>
                  <td className={`${td} tabular`}>{p.grantDate}</td>
                  <td className={td}>
                    {p.categoryCode !== null && <span className="text-slate-500">{p.categoryCode} · </span>}
                    {categoryName(p)}
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

      {batch.status === "payment_open" && canWrite && (
        <div className="space-y-4">
          <section className={`${card} space-y-3`} data-testid="payment-section">
            <h2 className="font-semibold">{t("payment.title")}</h2>
            <p className="text-sm text-slate-600">
              {t("payment.intro", { start: batch.paymentStart, deadline: batch.paymentDeadline })}
            </p>
            <PaymentForm batchId={batch.id} payers={payers} today={today} />
          </section>
          <section className={`${card} min-w-0 space-y-3`} data-testid="statement-section">
            <h2 className="font-semibold">{t("statement.title")}</h2>
            <p className="text-sm text-slate-600">{t("statement.intro")}</p>
            <StatementImport batchId={batch.id} />
          </section>
        </div>
      )}

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
                      <td className={num} data-testid="line-shares" data-value={l.shares}>
                        {formatShares(l.shares, locale)}
                      </td>
                      {money(l.adjustedPrice, "line-adjusted-price")}
                      {money(l.amountDue, "line-amount-due")}
                      {money(l.paid, "line-paid")}
                      {closed && (
                        <>
                          <td className={num} data-testid="line-paid-shares" data-value={l.paidShares ?? ""}>
                            {shares(l.paidShares)}
                          </td>
                          <td className={num} data-testid="line-waived-shares" data-value={l.waivedShares ?? ""}>
                            {shares(l.waivedShares)}
                          </td>
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
                                <TaxDeferralToggle
                                  batchId={batch.id}
                                  lineId={l.lineId}
                                  deferralEnd={l.taxDeferralEnd}
                                />
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
                  <td className={td} data-testid="total-people" data-value={batch.totals.people}>
                    {t("lines.people", { n: batch.totals.people })}
                  </td>
                  <td className={td} />
                  <td className={num} data-testid="total-shares" data-value={batch.totals.shares}>
                    {formatShares(batch.totals.shares, locale)}
                  </td>
                  <td className={td} />
                  {money(batch.totals.amountDue, "total-amount-due")}
                  {money(batch.totals.paid, "total-paid")}
                  {closed && (
                    <>
                      <td className={num} data-testid="total-paid-shares" data-value={batch.totals.paidShares ?? ""}>
                        {shares(batch.totals.paidShares)}
                      </td>
                      <td
                        className={num}
                        data-testid="total-waived-shares"
                        data-value={batch.totals.waivedShares ?? ""}
                      >
                        {shares(batch.totals.waivedShares)}
                      </td>
                      {money(batch.totals.refund, "total-refund")}
                    </>
                  )}
                  {registered && (
                    <>
                      <td className={td} />
                      <td className={td} />
                      {money(batch.totals.tax, "total-tax")}
                      <td className={td} colSpan={4} />
                    </>
                  )}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <DirectorTransfers transfers={transfers} locale={locale} />

      <section className={`${card} space-y-3`} data-testid="downloads">
        <h2 className="font-semibold">{t("downloads.title")}</h2>
        <p className="text-sm text-slate-600">{t("downloads.intro")}</p>
        {available.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="downloads-none">
            {t("downloads.none")}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {available.map((d) => (
              <li
                key={d.kind}
                className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between"
                data-testid={`download-${d.kind}`}
              >
                <span>{t(`downloads.${d.kind}`)}</span>
                <span className="flex flex-wrap gap-x-3 gap-y-1">
                  {d.formats.map((f) => (
                    <a
                      key={f}
                      href={documentUrl(d.kind, f)}
                      className="font-medium text-brand-700 hover:underline"
                      data-testid={`download-${d.kind}-${f}`}
                    >
                      {f.toUpperCase()}
                    </a>
                  ))}
                  {d.kind === "registrar-list" &&
                    admin &&
                    d.formats.map((f) => (
                      <a
                        key={`${f}-ids`}
                        href={documentUrl(d.kind, f, "&includeIdNumbers=true")}
                        className="font-medium text-amber-800 hover:underline"
                        data-testid={`download-${d.kind}-${f}-ids`}
                      >
                        {f.toUpperCase()} · {t("downloads.withIds")}
                      </a>
                    ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
});
