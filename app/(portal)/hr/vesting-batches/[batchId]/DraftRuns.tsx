import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { BatchPeriodView } from "@/lib/features/vesting-batches/pageQueries";
import { periodKey, periodLabel } from "./periodText";

/**
 * A draft batch's periods and whether each has its vesting run on the registration date (what
 * confirming the conditions needs), with the way to the vesting page that records the runs.
 */
export async function DraftRuns({
  planId,
  periods,
  locale,
}: {
  planId: string;
  periods: BatchPeriodView[];
  locale: Locale;
}) {
  const t = await getTranslations("hrVestingBatches");
  return (
    <div className="space-y-2" data-testid="draft-runs">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {periods.map((p) => {
          const state = p.runOnRegistrationDate ? "ok" : p.run ? "other-date" : "missing";
          return (
            <li
              key={periodKey(p)}
              className="flex flex-col gap-1 px-3 py-2 text-sm sm:flex-row sm:items-center sm:justify-between"
              data-testid={`draft-period-${periodKey(p)}`}
              data-run={state}
            >
              <span className="min-w-0">{periodLabel(t, p, locale)}</span>
              <span
                className={`shrink-0 text-xs font-medium ${
                  state === "ok" ? "text-emerald-700" : state === "missing" ? "text-amber-700" : "text-rose-700"
                }`}
              >
                {state === "ok"
                  ? `✓ ${t("draft.runOk", { date: p.run!.vestingDate })}`
                  : state === "missing"
                    ? t("draft.runMissing")
                    : t("draft.runOther", { date: p.run!.vestingDate })}
              </span>
            </li>
          );
        })}
      </ul>
      <Link
        href={`/hr/vesting/${planId}`}
        className="inline-block text-sm font-medium text-brand-700 hover:underline"
        data-testid="draft-vesting-link"
      >
        {t("draft.link")} →
      </Link>
    </div>
  );
}
