import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { vestingRunsOverview } from "@/lib/features/vesting/queries";
import { formatShares } from "../../../_components/format";
import { VestingForm } from "./VestingForm";
import { ReverseRunForm } from "./ReverseRunForm";

export const dynamic = "force-dynamic";

/** Vesting runs of a plan: the run form with preview and confirmation, and the runs recorded so far. */
export default page({ access: "staffRead" }, async ({ params }) => {
  const { planId = "" } = params;
  const overview = await vestingRunsOverview(planId);
  if (!overview) notFound();
  const { options, runs } = overview;
  const t = await getTranslations("hrVesting");
  const tBatches = await getTranslations("hrVestingBatches");
  const locale = toLocale(await getLocale());
  const name = (x: { name: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.name);
  const reversed = runs.filter((r) => r.reversal !== null);
  return (
    <div className="space-y-6">
      <Link href="/hr/vesting" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="vesting-title">
          {name(options.plan)}
        </h1>
        <p className="text-sm text-slate-600">
          {t("gradeTable")}:{" "}
          {Object.entries(options.plan.gradeTable)
            .map(([g, r]) => `${g} ${r}`)
            .join(" · ")}
        </p>
        <Link
          href={`/hr/vesting-batches/plan/${planId}`}
          className="inline-block text-sm text-brand-700 hover:underline"
          data-testid="vesting-batches-link"
        >
          {tBatches("runPageLink")} →
        </Link>
      </header>
      {options.batches.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noBatches")}</p>
      ) : (
        <VestingForm
          planId={planId}
          today={today()}
          options={{
            batches: options.batches.map((b) => ({ id: b.id, label: `${t(`batches.${b.batch}`)} · ${b.grantDate}` })),
            categories: options.categories.map((c) => ({
              id: c.id,
              label: `${c.code} · ${name(c)}`,
              tranches: c.tranches.map((x) => ({
                index: x.index,
                label: t("trancheLabel", { index: x.index, from: x.startMonths, to: x.endMonths }),
              })),
            })),
          }}
        />
      )}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("runsTitle")}</h2>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noRuns")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="runs">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("vestingDate")}</th>
                  <th className="px-3 py-2">{t("batch")}</th>
                  <th className="px-3 py-2">{t("category")}</th>
                  <th className="px-3 py-2">{t("tranche")}</th>
                  <th className="px-3 py-2 text-right">{t("companyRatio")}</th>
                  <th className="px-3 py-2 text-right">{t("vested")}</th>
                  <th className="px-3 py-2 text-right">{t("lapsed")}</th>
                  <th className="px-3 py-2">{t("reverse.column")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} className={`border-t border-slate-100 ${r.reversal ? "text-slate-400" : ""}`}>
                    <td className="px-3 py-2 tabular">
                      {r.vestingDate}
                      {r.reversal && (
                        <span
                          className="ml-2 rounded bg-rose-100 px-1.5 py-0.5 text-xs text-rose-800"
                          data-testid="run-reversed"
                        >
                          {t("reverse.reversedBadge")}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {t(`batches.${r.batch}`)} · {r.grantDate}
                    </td>
                    <td className="px-3 py-2">{locale === "en" ? r.categoryNameEn : r.categoryName}</td>
                    <td className="px-3 py-2">{r.trancheIndex}</td>
                    <td className="px-3 py-2 text-right tabular">
                      {r.companyRatio ?? "—"}
                      {r.fiscalYear ? ` (FY${r.fiscalYear})` : ""}
                    </td>
                    <td className="px-3 py-2 text-right tabular">{formatShares(r.vested, locale)}</td>
                    <td className="px-3 py-2 text-right tabular">{formatShares(r.lapsed, locale)}</td>
                    <td className="px-3 py-2 align-top">
                      {r.reversal ? null : (
                        <ReverseRunForm
                          planId={planId}
                          runId={r.id}
                          summary={{
                            date: r.vestingDate,
                            tranche: r.trancheIndex,
                            vested: formatShares(r.vested, locale),
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="space-y-2" data-testid="reversed-runs">
        <h2 className="text-lg font-semibold">{t("reverse.title")}</h2>
        {reversed.length === 0 ? (
          <p className="text-sm text-slate-600">{t("reverse.none")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {reversed.map((r) => (
              <li key={r.id} className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2">
                {r.vestingDate} · {t(`batches.${r.batch}`)} · {locale === "en" ? r.categoryNameEn : r.categoryName} ·{" "}
                {t("tranche")} {r.trancheIndex} — {t("reverse.reversedAt")}{" "}
                <span className="tabular">{r.reversal!.reversedAt.slice(0, 10)}</span> · {t("reverse.why")}:{" "}
                {r.reversal!.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
});
