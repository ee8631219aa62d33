import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { plansForUser } from "@/lib/features/plans/queries";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { formatShares } from "../../_components/format";

export const dynamic = "force-dynamic";

/** Every plan with its status and quantities; HR and admins can start a new one. */
export default page({ access: "staffRead" }, async ({ user }) => {
  const t = await getTranslations("hrPlans");
  const tRoot = await getTranslations();
  const locale = toLocale(await getLocale());
  // Staff see every plan.
  const plans = await plansForUser();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        {hasRole(user, ...STAFF_WRITE_ROLES) && (
          <Link
            href="/hr/plans/new"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            data-testid="plan-new-link"
          >
            {t("new")}
          </Link>
        )}
      </header>
      {plans.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[640px] text-left text-sm" data-testid="plans-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("columns.name")}</th>
                <th className="px-3 py-2">{t("columns.status")}</th>
                <th className="px-3 py-2 text-right">{t("columns.total")}</th>
                <th className="px-3 py-2 text-right">{t("columns.firstGrant")}</th>
                <th className="px-3 py-2 text-right">{t("columns.reserved")}</th>
                <th className="px-3 py-2">{t("columns.validity")}</th>
                <th className="px-3 py-2">{t("columns.meeting")}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id} className="border-t border-slate-100" data-testid="plan-row">
                  <td className="px-3 py-2">
                    <Link href={`/hr/plans/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {locale === "en" ? p.nameEn : p.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <span
                      className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700"
                      data-testid="plan-status"
                    >
                      {tRoot(`planStatus.${p.status}` as "planStatus.draft")}
                    </span>
                  </td>
                  <td className="tabular px-3 py-2 text-right">{formatShares(p.totalQuantity, locale)}</td>
                  <td className="tabular px-3 py-2 text-right">{formatShares(p.firstGrantQuantity, locale)}</td>
                  <td className="tabular px-3 py-2 text-right">{formatShares(p.reservedQuantity, locale)}</td>
                  <td className="px-3 py-2">{t("months", { n: p.validityMonths })}</td>
                  <td className="tabular px-3 py-2">{p.generalMeetingDate ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});
