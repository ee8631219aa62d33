import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { planVestingBatchesPage } from "@/lib/features/vesting-batches/pageQueries";
import { registrarLayoutPage } from "@/lib/features/vesting-batches/registrarLayoutPage";
import {
  DEFAULT_REGISTRAR_COLUMNS,
  REGISTRAR_COLUMNS,
  REGISTRAR_HEADERS,
} from "@/lib/features/vesting-batches/registers/registrarList";
import { StatusBadge } from "@/app/(portal)/_components/StatusBadge";
import { formatShares } from "@/app/(portal)/_components/format";
import { CreateBatchForm, type PeriodChoice } from "./CreateBatchForm";
import { RegistrarLayoutForm } from "./RegistrarLayoutForm";

export const dynamic = "force-dynamic";

const DEFAULT_REFERENCE = "VD{batchNo}-{employeeNo}";

/** A plan's vesting batches: the list, newest first, and the form that opens a new one as a draft. */
export default page({ access: "staffRead" }, async ({ user, params }) => {
  const data = await planVestingBatchesPage(params.planId ?? "");
  if (!data) notFound();
  const { plan, batches, periods, defaults, today } = data;
  const layout = await registrarLayoutPage(plan.id);
  const t = await getTranslations("hrVestingBatches");
  const locale = toLocale(await getLocale());
  const canWrite = hasRole(user, ...STAFF_WRITE_ROLES);
  const badge = (s: string) => (s === "draft" ? "pending" : s === "announced" ? "vested" : "vestable");

  const choices: PeriodChoice[] = periods.map((p) => ({
    grantBatchId: p.grantBatchId,
    categoryId: p.categoryId,
    trancheIndex: p.trancheIndex,
    label: t("create.periodLabel", {
      kind: t(`kind.${p.batch}`),
      grantDate: p.grantDate,
      category: `${p.categoryCode} · ${locale === "en" ? p.categoryNameEn : p.categoryName}`,
      tranche: p.trancheIndex,
      from: p.startMonths,
      to: p.endMonths,
    }),
    facts: [
      p.windowOpen && p.windowClose
        ? t("create.window", { open: p.windowOpen, close: p.windowClose })
        : t("create.windowUnknown"),
      p.earliestVestingDate ? t("create.earliest", { date: p.earliestVestingDate }) : null,
      t("create.holders", { people: p.grantees, planned: formatShares(p.plannedShares, locale) }),
    ]
      .filter(Boolean)
      .join(" · "),
    runText: p.run ? t("create.run", { date: p.run.vestingDate }) : t("create.noRun"),
    hasRun: p.run !== null,
    takenText: p.takenBy ? t("create.taken", { n: p.takenBy.batchNo }) : null,
  }));

  return (
    <div className="space-y-6">
      <Link href="/hr/vesting-batches" className="text-sm text-brand-700 hover:underline">
        ← {t("plan.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="plan-batches-title">
          {t("plan.title", { plan: locale === "en" ? plan.nameEn : plan.name })}
        </h1>
        <p className="text-sm text-slate-600">{t("plan.intro")}</p>
        <Link
          href={`/hr/vesting/${plan.id}`}
          className="inline-block text-sm text-brand-700 hover:underline"
          data-testid="plan-vesting-link"
        >
          {t("plan.runsLink")} →
        </Link>
      </header>

      <section className="space-y-2">
        <h2 className="font-semibold">{t("plan.listTitle")}</h2>
        {batches.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="batch-list-empty">
            {t("plan.none")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[600px] text-left text-sm" data-testid="batch-list">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("plan.columns.batchNo")}</th>
                  <th className="px-3 py-2">{t("plan.columns.status")}</th>
                  <th className="px-3 py-2">{t("plan.columns.registrationDate")}</th>
                  <th className="px-3 py-2">{t("plan.columns.paymentWindow")}</th>
                  <th className="px-3 py-2">{t("plan.columns.listingDate")}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr
                    key={b.id}
                    className="border-t border-slate-100"
                    data-testid="batch-list-row"
                    data-batch-no={b.batchNo}
                  >
                    <td className="px-3 py-2 whitespace-nowrap">
                      <Link
                        href={`/hr/vesting-batches/${b.id}`}
                        className="font-medium text-brand-700 hover:underline"
                        data-testid={`batch-link-${b.batchNo}`}
                      >
                        {t("batchNo", { n: b.batchNo })}
                      </Link>
                    </td>
                    <td className="px-3 py-2" data-status={b.status}>
                      <StatusBadge status={badge(b.status)} label={t(`status.${b.status}`)} />
                    </td>
                    <td className="px-3 py-2 tabular">{b.registrationDate}</td>
                    <td className="px-3 py-2 tabular whitespace-nowrap">
                      {t("facts.window", { start: b.paymentStart, deadline: b.paymentDeadline })}
                    </td>
                    <td className="px-3 py-2 tabular">{b.listingDate ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {layout && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="registrar-layout">
          <h2 className="font-semibold">{t("registrarLayout.title")}</h2>
          <p className="text-sm text-slate-600">{t("registrarLayout.intro")}</p>
          <RegistrarLayoutForm
            planId={plan.id}
            columns={layout.columns}
            updatedAt={layout.updatedAt}
            allColumns={REGISTRAR_COLUMNS}
            defaultColumns={DEFAULT_REGISTRAR_COLUMNS}
            headers={Object.fromEntries(
              REGISTRAR_COLUMNS.map((c) => [c, locale === "en" ? REGISTRAR_HEADERS[c].en : REGISTRAR_HEADERS[c].zh]),
            )}
            canWrite={canWrite}
          />
        </section>
      )}

      {canWrite && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="create-batch">
          <h2 className="font-semibold">{t("create.title")}</h2>
          <p className="text-sm text-slate-600">{t("create.intro")}</p>
          {choices.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="create-no-periods">
              {t("create.noPeriods")}
            </p>
          ) : (
            <CreateBatchForm
              planId={plan.id}
              periods={choices}
              nextBatchNo={(batches[0]?.batchNo ?? 0) + 1}
              today={today}
              defaults={{
                payeeName: defaults?.payeeName ?? "",
                payeeBank: defaults?.payeeBank ?? "",
                payeeAccount: defaults?.payeeAccount ?? "",
                referenceTemplate: defaults?.referenceTemplate ?? DEFAULT_REFERENCE,
                shareSource: defaults?.shareSource ?? "new_issue",
              }}
            />
          )}
        </section>
      )}
    </div>
  );
});
