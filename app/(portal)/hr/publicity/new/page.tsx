import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { publicityOpeningOptions, publicityPlanChoices } from "@/lib/features/publicity/queries";
import { NewPublicityForm } from "./NewPublicityForm";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";

export const dynamic = "force-dynamic";

/** Opens a publicity period for a plan (?planId=); without a plan, lists the plans to pick from. */
export default page({ access: "staffRead" }, async ({ searchParams }) => {
  const t = await getTranslations("hrPublicity");
  const locale = toLocale(await getLocale());
  const { planId } = searchParams as { planId?: string };

  if (!planId) {
    const planList = await publicityPlanChoices();
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{t("new.title")}</h1>
        <p className="text-sm text-slate-600">{t("new.pickPlan")}</p>
        <ul className="space-y-2">
          {planList.map((p) => (
            <li key={p.id}>
              <Link href={`/hr/publicity/new?planId=${p.id}`} className="text-brand-700 hover:underline">
                {locale === "en" ? p.nameEn : p.name}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const { plan, versions } = await publicityOpeningOptions(planId);
  const options = versions.map((v) => ({
    id: v.id,
    label: t("versionLabel", { batch: t(`batch.${v.batch}`), version: v.version, people: v.people }),
  }));
  return (
    <div className="max-w-2xl space-y-4">
      <Link href="/hr/publicity" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("new.title")} intro={locale === "en" ? plan.nameEn : plan.name} />
      {options.length === 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="publicity-no-list">
          {t("new.noVersions")}
        </p>
      ) : (
        <NewPublicityForm planId={plan.id} versions={options} defaultStart={today()} />
      )}
    </div>
  );
});
