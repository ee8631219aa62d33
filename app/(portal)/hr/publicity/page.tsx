import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { publicityOverview } from "@/lib/features/publicity/queries";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";

export const dynamic = "force-dynamic";

/** Every publicity period with its status and objection counts, and each plan's next steps. */
export default page({ access: "staffRead" }, async () => {
  const t = await getTranslations("hrPublicity");
  const tRoot = await getTranslations();
  const locale = toLocale(await getLocale());
  const { periods, planList } = await publicityOverview();
  const name = (p: { planName: string; planNameEn: string }) => (locale === "en" ? p.planNameEn : p.planName);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("periods")}</h2>
        {periods.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noPeriods")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[40rem] text-left text-sm" data-testid="publicity-periods">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("plan")}</th>
                  <th className="px-3 py-2">{t("listVersion")}</th>
                  <th className="px-3 py-2">{t("period")}</th>
                  <th className="px-3 py-2">{t("statusLabel")}</th>
                  <th className="px-3 py-2">{t("objections")}</th>
                  <th className="px-3 py-2" />
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr
                    key={p.id}
                    className="border-t border-slate-100"
                    data-testid="publicity-period-row"
                    data-status={p.status}
                  >
                    <td className="px-3 py-2">{name(p)}</td>
                    <td className="px-3 py-2">
                      {t("versionShort", { batch: t(`batch.${p.batch}`), version: p.listVersion })}
                    </td>
                    <td className="tabular px-3 py-2">{t("periodRange", { from: p.startDate, to: p.endDate })}</td>
                    <td className="px-3 py-2">
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs ${p.status === "open" ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-700"}`}
                      >
                        {t(`status.${p.status}`)}
                      </span>
                    </td>
                    <td className="tabular px-3 py-2">{t("objectionCounts", p.objectionCounts)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <Link
                        href={`/hr/publicity/${p.id}`}
                        className="text-brand-700 hover:underline"
                        data-testid="publicity-period-link"
                      >
                        {t("details")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("plans")}</h2>
        <ul className="grid gap-3 md:grid-cols-2">
          {planList.map((p) => (
            <li
              key={p.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
              data-testid="publicity-plan"
            >
              <span className="mr-auto font-medium">{locale === "en" ? p.nameEn : p.name}</span>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {tRoot(`planStatus.${p.status}`)}
              </span>
              <Link
                href={`/hr/publicity/new?planId=${p.id}`}
                className="text-brand-700 hover:underline"
                data-testid="publicity-open-link"
              >
                {t("open")}
              </Link>
              <Link
                href={`/hr/publicity/verification/${p.id}`}
                className="text-brand-700 hover:underline"
                data-testid="verification-link"
              >
                {t("verification")}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
});
