import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { vestingBatchPage } from "@/lib/features/vesting-batches/pageQueries";
import { StatusBadge } from "@/app/(portal)/_components/StatusBadge";
import { BatchSteps } from "./BatchSteps";
import { DraftRuns } from "./DraftRuns";
import { BatchFacts } from "./BatchFacts";
import { BatchPeriods } from "./BatchPeriods";
import { BatchPayment } from "./BatchPayment";
import { BatchLines } from "./BatchLines";
import { DirectorTransfers } from "./DirectorTransfers";
import { BatchDownloads } from "./BatchDownloads";
import { BADGE, reached } from "./batchStatus";
import { periodLabel } from "./periodText";

export const dynamic = "force-dynamic";

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
  const closed = reached(batch.status, "payment_closed");
  const registered = reached(batch.status, "registered");
  const periodLabels = Object.fromEntries(
    periods.map((p) => [`${p.grantBatchId}/${p.categoryId}/${p.trancheIndex}`, periodLabel(t, p, locale)]),
  );

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
        {batch.status === "draft" && <DraftRuns planId={batch.planId} periods={periods} locale={locale} />}
      </BatchSteps>

      <BatchFacts
        batch={batch}
        registrationClose={registrationClose}
        latestClose={latestClose}
        closed={closed}
        registered={registered}
        locale={locale}
      />
      <BatchPeriods periods={periods} locale={locale} />
      {batch.status === "payment_open" && canWrite && <BatchPayment batch={batch} today={today} />}
      <BatchLines
        batch={batch}
        periods={periods}
        closed={closed}
        registered={registered}
        canWrite={canWrite}
        locale={locale}
      />
      <DirectorTransfers transfers={transfers} locale={locale} />
      <BatchDownloads batch={batch} admin={admin} locale={locale} />
    </div>
  );
});
