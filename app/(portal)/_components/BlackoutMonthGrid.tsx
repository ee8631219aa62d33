import { isWeekend } from "@/lib/domain/calendar/isoDate";
import { monthMatrix } from "./monthMatrix";

/** A blackout window as the month grid marks it; `to` is the inclusive last day. */
export type MonthGridBlackout = { id: string; from: string; to: string; label: string };

/** Props of BlackoutMonthGrid; `month` is 1-12 and `closedDays` lists SSE closures as ISO dates. */
export type BlackoutMonthGridProps = {
  year: number;
  month: number;
  blackouts: MonthGridBlackout[];
  closedDays: Set<string> | string[];
  today: string;
  locale: "zh-CN" | "en";
  caption: string;
};

// Screen-reader words for what the cell colours say; kept here because the props carry no labels.
const SPOKEN: Record<BlackoutMonthGridProps["locale"], { blackout: string; closed: string }> = {
  "zh-CN": { blackout: "不得归属期间", closed: "休市" },
  en: { blackout: "Blackout window", closed: "Exchange closed" },
};

// 2024-01-01 was a Monday: the seven days from it give the weekday names in grid order.
const MONDAY = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/** One month as a Monday-first table marking blackout days, exchange closures and today. */
export function BlackoutMonthGrid({
  year,
  month,
  blackouts,
  closedDays,
  today,
  locale,
  caption,
}: BlackoutMonthGridProps) {
  const weeks = monthMatrix(year, month);
  const days = weeks.flat().filter((d): d is string => d !== null);
  const first = days[0] ?? "";
  const last = days[days.length - 1] ?? "";
  const inMonth = blackouts.filter((b) => b.from <= last && b.to >= first);
  const closed = closedDays instanceof Set ? closedDays : new Set(closedDays);
  const spoken = SPOKEN[locale];
  return (
    <table className="w-full table-fixed border-collapse text-center text-sm" data-testid="blackout-month">
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead>
        <tr>
          {weekdayNames(locale).map((w) => (
            <th key={w.long} scope="col" abbr={w.long} className="pb-1 text-xs font-medium text-slate-500">
              {w.short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, i) => (
          <tr key={week.find((d) => d !== null) ?? i}>
            {week.map((iso, column) =>
              iso === null ? (
                <td key={`pad-${column}`} />
              ) : (
                <DayCell
                  key={iso}
                  iso={iso}
                  windows={inMonth.filter((b) => b.from <= iso && iso <= b.to)}
                  closed={closed.has(iso) || isWeekend(iso)}
                  today={iso === today}
                  spoken={spoken}
                />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayCell({
  iso,
  windows,
  closed,
  today,
  spoken,
}: {
  iso: string;
  windows: MonthGridBlackout[];
  closed: boolean;
  today: boolean;
  spoken: { blackout: string; closed: string };
}) {
  const blackout = windows.length > 0;
  const labels = windows.map((w) => w.label);
  const tone = blackout
    ? `bg-amber-100 ${closed ? "text-amber-800" : "font-medium text-amber-950"}`
    : closed
      ? "bg-slate-50 text-slate-500"
      : today
        ? "bg-brand-50 text-brand-700"
        : "text-slate-900";
  return (
    <td
      className="p-0.5"
      title={blackout ? labels.join("\n") : undefined}
      aria-current={today ? "date" : undefined}
      data-date={iso}
    >
      <div
        className={`tabular flex h-10 flex-col items-center justify-center rounded-md ${tone} ${today ? "font-semibold ring-2 ring-inset ring-brand-600" : ""}`}
      >
        <time dateTime={iso}>{Number(iso.slice(8))}</time>
        {/* A shape as well as a colour, so blackout days stand out without colour vision. */}
        {blackout && <span aria-hidden="true" className="mt-0.5 block h-1 w-4 rounded-full bg-amber-500" />}
        {blackout && <span className="sr-only">{`${spoken.blackout}: ${labels.join("; ")}`}</span>}
        {closed && <span className="sr-only">{spoken.closed}</span>}
      </div>
    </td>
  );
}

function weekdayNames(locale: BlackoutMonthGridProps["locale"]): { short: string; long: string }[] {
  // UTC on both sides so the host time zone cannot shift a name by a day.
  const short = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(MONDAY + i * DAY_MS);
    return { short: short.format(date), long: long.format(date) };
  });
}
