import Link from "next/link";
import { asc } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import { plans } from "@/db/schema";
import { toLocale } from "@/i18n/locales";
import { db } from "@/lib/platform/db";
import { requirePageUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Entry to vesting runs: one link per plan. */
export default async function VestingIndexPage() {
  await requirePageUser(...STAFF_READ_ROLES);
  const database = await db();
  const list = await database.select({ id: plans.id, name: plans.name, nameEn: plans.nameEn }).from(plans).orderBy(asc(plans.createdAt));
  const t = await getTranslations("hrVesting");
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("indexTitle")}</h1>
      <ul className="space-y-2">
        {list.map((p) => (
          <li key={p.id}><Link href={`/hr/vesting/${p.id}`} className="text-brand-700 hover:underline" data-testid="vesting-plan-link">{locale === "en" ? p.nameEn : p.name}</Link></li>
        ))}
      </ul>
    </div>
  );
}
