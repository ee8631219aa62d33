import { getTranslations } from "next-intl/server";
import type { MeasurementDto } from "@/lib/features/expense/queries";

/** A fraction ("0.2042") as a percentage ("20.42%"), exactly. */
function percent(fraction: string): string {
  const n = Number(fraction) * 100;
  return `${Number(n.toFixed(6))}%`;
}

/** The measurements in force: the Black–Scholes inputs as entered and the fair value per share of each term. */
export async function MeasurementList({ measurements }: { measurements: MeasurementDto[] }) {
  const t = await getTranslations("financeExpense");
  if (measurements.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-base font-semibold">{t("measurements")}</h2>
      <div className="grid gap-3 lg:grid-cols-2">
        {measurements.map((m) => (
          <article
            key={m.id}
            className="rounded-md border border-slate-200 bg-white p-4 text-sm"
            data-testid="measurement"
          >
            <h3 className="font-medium">
              {t(`kind.${m.kind}`)} · {m.valuationDate}
            </h3>
            <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-slate-700">
              <dt className="text-slate-500">{t("sharePrice")}</dt>
              <dd className="tabular-nums">{m.sharePrice}</dd>
              <dt className="text-slate-500">{t("grantPrice")}</dt>
              <dd className="tabular-nums">{m.grantPrice}</dd>
              <dt className="text-slate-500">{t("dividendYield")}</dt>
              <dd className="tabular-nums">{percent(m.dividendYield)}</dd>
              <dt className="text-slate-500">{t("convention")}</dt>
              <dd>{t(`conventions.${m.convention}`)}</dd>
            </dl>
            <table className="mt-3 w-full text-xs">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1 font-medium">{t("term")}</th>
                  <th className="py-1 text-right font-medium">{t("volatility")}</th>
                  <th className="py-1 text-right font-medium">{t("riskFreeRate")}</th>
                  <th className="py-1 text-right font-medium">{t("fairValue")}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {m.terms.map((term) => (
                  <tr key={term.months}>
                    <td className="py-0.5">{t("months", { n: term.months })}</td>
                    <td className="py-0.5 text-right">{percent(term.volatility)}</td>
                    <td className="py-0.5 text-right">{percent(term.riskFreeRate)}</td>
                    <td className="py-0.5 text-right font-medium" data-testid="measurement-fair-value">
                      {term.fairValue}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {m.source && <p className="mt-2 text-xs text-slate-500">{m.source}</p>}
          </article>
        ))}
      </div>
    </section>
  );
}
