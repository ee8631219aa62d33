import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { planIndex } from "@/lib/features/plans/queries";

export const dynamic = "force-dynamic";

/** Entry to grants: one link per plan, plus the leavers page. */
export default page({ access: "staffRead" }, async () => {
  const list = await planIndex();
  const t = await getTranslations("hrGrants");
  const tg = await getTranslations();
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("indexTitle")}</h1>
      <ul className="grid gap-3 md:grid-cols-2">
        {list.map((p) => (
          <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-medium">{locale === "en" ? p.nameEn : p.name}</p>
            <p className="text-sm text-slate-600">{tg(`planStatus.${p.status}`)}</p>
            <div className="mt-2 flex flex-wrap gap-4 text-sm">
              <Link
                href={`/hr/grants/${p.id}`}
                className="text-brand-700 hover:underline"
                data-testid="plan-grants-link"
              >
                {t("openGrants")}
              </Link>
              <Link
                href={`/hr/vesting/${p.id}`}
                className="text-brand-700 hover:underline"
                data-testid="plan-vesting-link"
              >
                {t("openVesting")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
      <Link
        href="/hr/leavers"
        className="inline-block text-sm text-brand-700 hover:underline"
        data-testid="leavers-link"
      >
        {t("leaversLink")}
      </Link>
    </div>
  );
});
