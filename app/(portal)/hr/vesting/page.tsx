import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { planIndex } from "@/lib/features/plans/queries";

export const dynamic = "force-dynamic";

/** Entry to vesting runs: one link per plan. */
export default page({ access: "staffRead" }, async () => {
  const list = await planIndex();
  const t = await getTranslations("hrVesting");
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("indexTitle")}</h1>
      <ul className="space-y-2">
        {list.map((p) => (
          <li key={p.id}>
            <Link
              href={`/hr/vesting/${p.id}`}
              className="text-brand-700 hover:underline"
              data-testid="vesting-plan-link"
            >
              {locale === "en" ? p.nameEn : p.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
});
