import { getLocale, getTranslations } from "next-intl/server";
import type { PlanDto } from "@/lib/features/plans/planReads";
import { toLocale } from "@/i18n/locales";
import { formatShares } from "./format";

/** Overview for HR, admins and auditors: every plan with its size and status. */
export async function StaffHome({
  plans,
  issuer,
}: {
  plans: PlanDto[];
  issuer: { name: string; nameEn: string; stockCode: string } | null;
}) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-4">
      {issuer && (
        <p className="text-sm text-slate-600">
          {t("home.staffIntro", { issuer: locale === "en" ? issuer.nameEn : issuer.name, code: issuer.stockCode })}
        </p>
      )}
      <h2 className="text-lg font-semibold">{t("home.plansTitle")}</h2>
      <ul className="grid gap-4 md:grid-cols-2">
        {plans.map((p) => (
          <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="plan-card">
            <div className="flex items-start justify-between gap-2">
              <h3 className="font-semibold">{locale === "en" ? p.nameEn : p.name}</h3>
              <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {t(`planStatus.${p.status}`)}
              </span>
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div>
                <dt className="text-slate-500">{t("home.firstGrant")}</dt>
                <dd className="tabular">{formatShares(p.firstGrantQuantity, locale)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("home.reserved")}</dt>
                <dd className="tabular">{formatShares(p.reservedQuantity, locale)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("home.participants")}</dt>
                <dd className="tabular">{formatShares(p.stats.grantees, locale)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("home.validity")}</dt>
                <dd>{t("home.months", { n: p.validityMonths })}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("home.meeting")}</dt>
                <dd className="tabular">{p.generalMeetingDate ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("home.quantity")}</dt>
                <dd className="tabular">{formatShares(p.stats.grantedQuantity, locale)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
