import { getLocale, getTranslations } from "next-intl/server";
import { blackoutWindowsForUser, tradingDays } from "@/lib/features/calendar/queries";
import { addMonthsClamped } from "@/lib/domain/calendar/isoDate";
import { toLocale } from "@/i18n/locales";
import { isRuleError } from "@/lib/domain/errors";
import { BlackoutMonthGrid } from "../_components/BlackoutMonthGrid";
import { monthMatrix } from "../_components/monthMatrix";
import { today as clockToday } from "@/lib/platform/clock";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";
import { page } from "@/lib/auth/procedures/page";

const MONTHS_SHOWN = 3;

export default page({ access: "signedIn" }, async () => {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const today = clockToday();
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const windows = await blackoutWindowsForUser({ from: firstOfMonth });
  const upcoming = windows.filter((w) => w.to >= today);
  const months = Array.from({ length: MONTHS_SHOWN }, (_, i) => addMonthsClamped(firstOfMonth, i));
  const bands = windows.map((w) => ({ id: w.id, from: w.from, to: w.to, label: w.reason }));
  const monthName = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
  return (
    <div className="space-y-6">
      <PageHeader title={t("blackouts.title")} intro={t("blackouts.intro")} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("blackouts.list")}</h2>
        {upcoming.length === 0 ? (
          <p className="text-sm text-slate-600">{t("blackouts.none")}</p>
        ) : (
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            data-testid="blackout-list"
          >
            {upcoming.map((w) => (
              <li key={`${w.id}-${w.from}`} className="p-3 text-sm">
                <p className="tabular font-medium">
                  {w.from} – {w.to}
                  {w.from <= today ? ` · ${t("blackouts.legendToday")}` : ""}
                </p>
                <p className="text-slate-600">{w.reason}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="grid gap-4 md:grid-cols-3">
        {await Promise.all(
          months.map(async (m) => {
            const [year, month] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
            const days = monthMatrix(year, month)
              .flat()
              .filter((d): d is string => d !== null);
            const { closed, published } = await closedDaysOf(days[0]!, days[days.length - 1]!, days);
            return (
              <div key={m} className="space-y-1">
                <BlackoutMonthGrid
                  year={year}
                  month={month}
                  blackouts={bands}
                  closedDays={closed}
                  today={today}
                  locale={locale}
                  caption={monthName.format(new Date(`${m}T00:00:00Z`))}
                />
                {!published && <p className="text-xs text-slate-500">{t("home.calendarPending")}</p>}
              </div>
            );
          }),
        )}
      </section>
    </div>
  );
});

/** Weekends and SSE closures of the month; where the exchange has not published its calendar, weekends only. */
async function closedDaysOf(
  from: string,
  to: string,
  days: string[],
): Promise<{ closed: string[]; published: boolean }> {
  try {
    const open = new Set((await tradingDays({ from, to })).items);
    return { closed: days.filter((d) => !open.has(d)), published: true };
  } catch (e) {
    if (!isRuleError(e, "CALENDAR_NOT_PUBLISHED")) throw e;
    return { closed: days.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())), published: false };
  }
}
