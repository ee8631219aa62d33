import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { DirectorTransfer } from "@/lib/features/vesting-batches/directorTransfers";
import { formatShares } from "@/app/(portal)/_components/format";

/**
 * Directors and senior managers of a registered batch: from when and how many shares each may sell this
 * year (25 % quota, 1,000-share rule, leave lock) and how long a sale would be flagged as a short swing.
 */
export async function DirectorTransfers({ transfers, locale }: { transfers: DirectorTransfer[]; locale: Locale }) {
  if (transfers.length === 0) return null;
  const t = await getTranslations("myVesting.transfer");
  const h = await getTranslations("hrVestingBatches.transfers");
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="director-transfers">
      <h2 className="font-semibold">{t("title")}</h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {transfers.map((d) => (
          <li key={d.personId} className="space-y-1 py-2" data-testid={`director-transfer-${d.employeeNo}`}>
            <p className="font-medium">
              {d.employeeNo} {d.name} · {d.isDirector ? h("director") : h("seniorManager")}
            </p>
            <p data-testid="transfer-line">
              {t("line", {
                tradableFrom: d.allowance.tradableFrom,
                upToThisYear: formatShares(d.allowance.upToThisYear, locale),
              })}
            </p>
            {d.allowance.leaveLockUntil && (
              <p className="text-amber-800">{t("leaveLock", { date: d.allowance.leaveLockUntil })}</p>
            )}
            {d.allowance.shortSwingUntil && (
              <p className="text-amber-800">{t("shortSwing", { date: d.allowance.shortSwingUntil })}</p>
            )}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">{t("caveat")}</p>
    </section>
  );
}
