import { getTranslations } from "next-intl/server";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import type { Locale } from "@/i18n/locales";
import { formatShares } from "../_components/format";

/** A director's or senior manager's sale allowance from the vestings handled in the portal. */
export async function Transfer({
  transfer,
  today,
  locale,
}: {
  transfer: NonNullable<MyVestingBatch["transfer"]>;
  today: string;
  locale: Locale;
}) {
  const t = await getTranslations("myVesting");
  return (
    <section className="space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm" data-testid="transfer">
      <h3 className="font-semibold text-brand-900">{t("transfer.title")}</h3>
      <p className="tabular font-medium text-slate-900" data-testid="transfer-line">
        {t("transfer.line", {
          tradableFrom: transfer.tradableFrom,
          upToThisYear: formatShares(transfer.upToThisYear, locale),
        })}
      </p>
      {transfer.tradableFrom <= today && transfer.sellableOnAsOf !== transfer.upToThisYear && (
        <p className="tabular text-slate-700">
          {t("transfer.sellableToday", { shares: formatShares(transfer.sellableOnAsOf, locale) })}
        </p>
      )}
      {/* A lock that ended is no longer a reason not to sell. */}
      {transfer.leaveLockUntil && transfer.leaveLockUntil >= today && (
        <p className="text-amber-900" data-testid="transfer-leave-lock">
          {t("transfer.leaveLock", { date: transfer.leaveLockUntil })}
        </p>
      )}
      {transfer.shortSwingUntil && (
        <p className="text-amber-900" data-testid="transfer-short-swing">
          {t("transfer.shortSwing", { date: transfer.shortSwingUntil })}
        </p>
      )}
      <p className="text-xs text-slate-600">{t("transfer.caveat")}</p>
    </section>
  );
}
