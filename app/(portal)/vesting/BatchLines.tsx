import { getTranslations } from "next-intl/server";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import type { Locale } from "@/i18n/locales";
import { formatShares } from "../_components/format";
import { formatMoney, formatPricePerShare } from "./figures";

/** The batch's tranche lines: shares × adjusted price = amount, and once the payment closed, paid and waived. */
export async function BatchLines({
  batch,
  open,
  locale,
  lineLabels,
}: {
  batch: MyVestingBatch;
  open: boolean;
  locale: Locale;
  lineLabels: Record<string, string>;
}) {
  const t = await getTranslations();
  const shares = (n: number) => formatShares(n, locale);
  const money = (a: string) => formatMoney(a, locale);
  return (
    <section aria-labelledby={`batch-${batch.id}-lines`} className="space-y-2">
      <h3 id={`batch-${batch.id}-lines`} className="text-sm font-medium text-slate-500">
        {t("myVesting.lines.title")}
      </h3>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
        {batch.lines.map((l) => (
          <li key={l.lineId} className="space-y-0.5 px-3 py-2" data-testid="my-line">
            <p className="text-slate-700">{lineLabels[l.lineId]}</p>
            <p className="tabular font-medium">
              {t("myVesting.lines.calc", {
                shares: shares(l.shares),
                price: formatPricePerShare(l.adjustedPrice, locale),
                amount: money(l.amountDue),
              })}
            </p>
            {!open && l.paidShares !== null && (
              <p className="tabular text-xs text-slate-500">
                {t("myVesting.lines.paidShares", { shares: shares(l.paidShares) })}
                {(l.waivedShares ?? 0) > 0 &&
                  ` · ${t("myVesting.lines.waivedShares", { shares: shares(l.waivedShares!) })}`}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
