import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { vestingBatchIndexPage } from "@/lib/features/vesting-batches/pageQueries";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";

export const dynamic = "force-dynamic";

/** Entry to vesting batches (归属批次): one line per plan, with how many batches it has and how many are under way. */
export default page({ access: "staffRead" }, async () => {
  const plans = await vestingBatchIndexPage();
  const t = await getTranslations("hrVestingBatches");
  const tRoot = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-4">
      <PageHeader title={t("index.title")} intro={t("index.intro")} testId="vesting-batches-title" />
      {plans.length === 0 ? (
        <p className="text-sm text-slate-600">{t("index.noPlans")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {plans.map((p) => (
            <li key={p.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link
                  href={`/hr/vesting-batches/plan/${p.id}`}
                  className="font-medium text-brand-700 hover:underline"
                  data-testid="batch-plan-link"
                  data-plan-id={p.id}
                >
                  {locale === "en" ? p.nameEn : p.name}
                </Link>
                <p className="text-xs text-slate-500">{tRoot(`planStatus.${p.status}` as "planStatus.draft")}</p>
              </div>
              <p className="shrink-0 text-sm text-slate-600" data-testid="batch-plan-counts">
                {p.batches === 0 ? t("index.none") : t("index.counts", { batches: p.batches, underWay: p.underWay })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
