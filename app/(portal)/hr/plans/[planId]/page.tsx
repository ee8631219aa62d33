import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { isTerminalPlanStatus } from "@/lib/domain/plans/planLifecycle";
import { page } from "@/lib/auth/procedures/page";
import { planWithParticipantLists } from "@/lib/features/participants/queries";
import { nextStatuses, type PlanStatus } from "@/lib/features/plans/commands";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { formatRatio, formatShares } from "../../../_components/format";
import { AdvanceStatus } from "./AdvanceStatus";
import { GeneralMeetingDateForm } from "./GeneralMeetingDateForm";

export const dynamic = "force-dynamic";

/** One plan: summary, categories with their vesting arrangements, lifecycle status and the participant lists. */
export default page({ access: "staffRead" }, async ({ user, params }) => {
  const overview = await planWithParticipantLists(params.planId ?? "");
  if (!overview) notFound();
  const { plan, lists } = overview;
  const t = await getTranslations("hrPlans");
  const tRoot = await getTranslations();
  const locale = toLocale(await getLocale());
  const canWrite = hasRole(user, ...STAFF_WRITE_ROLES);
  const status = (s: string) => tRoot(`planStatus.${s}` as "planStatus.draft");
  const fact = (k: string, v: React.ReactNode) => (
    <div>
      <dt className="text-slate-500">{t(`detail.${k}` as "detail.total")}</dt>
      <dd className="tabular">{v}</dd>
    </div>
  );
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <Link href="/hr/plans" className="text-sm text-brand-700 hover:underline">
          ← {t("title")}
        </Link>
        <h1 className="text-xl font-semibold" data-testid="plan-title">
          {locale === "en" ? plan.nameEn : plan.name}
        </h1>
        <p className="text-sm text-slate-600">{locale === "en" ? plan.name : plan.nameEn}</p>
      </header>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
          {fact("total", formatShares(plan.totalQuantity, locale))}
          {fact("firstGrant", formatShares(plan.firstGrantQuantity, locale))}
          {fact("reserved", formatShares(plan.reservedQuantity, locale))}
          {fact("shareCapital", formatShares(plan.shareCapital, locale))}
          {fact("validity", t("months", { n: plan.validityMonths }))}
          {fact("meeting", plan.generalMeetingDate ?? "—")}
          {fact(
            "blackoutRule",
            t("detail.ruleDays", {
              name: plan.blackoutRule.name,
              annual: plan.blackoutRule.annualDays,
              quarterly: plan.blackoutRule.quarterlyDays,
            }),
          )}
          {fact("verifyingBody", t(`body.${plan.verifyingBody}`))}
          {fact(
            "granted",
            t("detail.grantedValue", {
              people: plan.stats.grantees,
              quantity: formatShares(plan.stats.grantedQuantity, locale),
            }),
          )}
        </dl>
      </section>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="plan-status-section">
        <h2 className="font-semibold">
          {t("detail.status")}: <span data-testid="plan-status">{status(plan.status)}</span>
        </h2>
        {canWrite && !isTerminalPlanStatus(plan.status) && (
          <Link
            href={`/hr/plans/${plan.id}/edit`}
            className="text-sm text-brand-700 hover:underline"
            data-testid="plan-edit-link"
          >
            {t(plan.status === "draft" ? "form.editLink" : "form.editCategoriesLink")}
          </Link>
        )}
        {canWrite && (
          <AdvanceStatus
            planId={plan.id}
            options={nextStatuses(plan.status as PlanStatus).map((to) => ({ to, label: status(to) }))}
          />
        )}
      </section>

      {canWrite && (
        <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="meeting-date-section">
          {plan.stats.grantees === 0 ? (
            <GeneralMeetingDateForm planId={plan.id} current={plan.generalMeetingDate} />
          ) : (
            <p className="text-sm text-slate-600">
              {t("meetingDate.locked", { date: plan.generalMeetingDate ?? "—" })}
            </p>
          )}
        </section>
      )}

      <section className="space-y-3">
        <h2 className="font-semibold">{t("detail.categories")}</h2>
        {plan.categories.map((c) => (
          <div key={c.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="plan-category">
            <h3 className="font-medium">
              {locale === "en" ? c.nameEn : c.name}
              {c.illustrative && <span className="ml-2 text-xs text-slate-500">{t("detail.illustrative")}</span>}
            </h3>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full min-w-[360px] text-left text-sm">
                <thead className="text-slate-600">
                  <tr>
                    <th className="py-1 pr-3">#</th>
                    <th className="py-1 pr-3">{t("detail.period")}</th>
                    <th className="py-1 pr-3 text-right">{t("detail.ratio")}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.tranches.map((tr) => (
                    <tr key={tr.index} className="border-t border-slate-100">
                      <td className="py-1 pr-3 tabular">{tr.index}</td>
                      <td className="py-1 pr-3">
                        {t("detail.monthsRange", { from: tr.startMonths, to: tr.endMonths })}
                      </td>
                      <td className="py-1 pr-3 text-right tabular">{formatRatio(tr.ratio)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{t("detail.participants")}</h2>
        <p className="text-sm text-slate-600">
          {t("detail.listVersions", { first: lists.latest.first ?? "—", reserved: lists.latest.reserved ?? "—" })}
        </p>
        <Link
          href={`/hr/plans/${plan.id}/participants`}
          className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
          data-testid="participants-link"
        >
          {t("detail.manageParticipants")}
        </Link>
      </section>
    </div>
  );
});
