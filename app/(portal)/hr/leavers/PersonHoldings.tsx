import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { PersonGrantHolding } from "@/lib/features/persons/leaverHoldings";
import { departureReasonText } from "@/lib/domain/persons/departureRules";
import { formatShares } from "../../_components/format";
import { StatusBadge } from "../../_components/StatusBadge";
import { textOf } from "./DepartureHistory";

/** A person's grants with each tranche's status; a tranche lapsed for leaving names the departure reason. */
export async function PersonHoldings({ holdings, locale }: { holdings: PersonGrantHolding[]; locale: Locale }) {
  const t = await getTranslations("hrGrants.leavers");
  const tg = await getTranslations();
  if (holdings.length === 0) return <p className="text-sm text-slate-600">{t("noGrants")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="leaver-holdings">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">{t("plan")}</th>
            <th className="px-3 py-2">{t("tranches")}</th>
            <th className="px-3 py-2 text-right">{t("vested")}</th>
            <th className="px-3 py-2 text-right">{t("unvested")}</th>
          </tr>
        </thead>
        <tbody>
          {holdings.map((g) => (
            <tr key={g.grantId} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">
                {locale === "en" ? g.planNameEn : g.planName}
                <span className="block text-xs text-slate-500">
                  {tg(`batch.${g.batch}`)} · {g.grantDate}
                </span>
              </td>
              <td className="px-3 py-2">
                <div className="flex flex-wrap gap-1">
                  {g.tranches.map((x) => {
                    const status = `${x.index}: ${tg(`status.${x.status as "pending"}`)}`;
                    // The engine's lapse stays "left" whatever the reason; the reason is shown beside it.
                    const left =
                      x.lapseReason === "left"
                        ? ` (${t("lapsedLeft", { reason: textOf(departureReasonText(x.departureReason), locale) })})`
                        : "";
                    return <StatusBadge key={x.index} status={x.status} label={`${status}${left}`} />;
                  })}
                </div>
              </td>
              <td className="px-3 py-2 text-right tabular">{formatShares(g.vested, locale)}</td>
              <td className="px-3 py-2 text-right tabular" data-testid="leaver-unvested">
                {formatShares(g.unvested, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
