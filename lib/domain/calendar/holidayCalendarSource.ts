/**
 * Mainland China's statutory holidays from the `chinese-days` package, as SSE weekday closures.
 *
 * The package transcribes each State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知)
 * into dated holidays and make-up working days (调休上班). The exchange is closed on every statutory
 * holiday that falls on a weekday, and it stays closed on weekends, including the make-up working
 * days: those are not trading days, so only the package's weekday holidays become closures.
 * Next year's notice arrives with `npm update chinese-days`; the bundled list (data/sse-closures.csv)
 * stays the fallback for any year the package lacks. The package's own data file is a static import:
 * no file is read at run time.
 */
import chineseDays from "chinese-days/dist/chinese-days.json";
import { toDayNumber, weekdayOfDayNumber } from "./isoDate";

/** A weekday SSE closure with the holiday's English name (as the calendar reports it) and Chinese name. */
export type HolidayClosure = {
  readonly date: string;
  /** English name, in the wording of the bundled list (e.g. "Qingming Festival"). */
  readonly reason: string;
  /** Chinese name from the package (e.g. "清明"). */
  readonly reasonZh: string;
};

/** The package's data file: "yyyy-mm-dd" → "English name,中文名,n". */
type HolidayData = { readonly holidays: Readonly<Record<string, string>> };

/**
 * The package's English names where the bundled list words them differently; the calendar keeps the
 * bundled wording so closure reasons shown and stored do not change with the source.
 */
const ENGLISH_NAMES: Readonly<Record<string, string>> = {
  "Tomb-sweeping Day": "Qingming Festival",
  "Mid-autumn Festival": "Mid-Autumn Festival",
  "Anti-Fascist 70th Day": "WWII Victory 70th Anniversary",
};

/**
 * Weekday closures the exchange announced beyond the State Council notice, so the package cannot hold them.
 * 2024-02-09 (Friday, New Year's Eve 除夕): the State Council set the Spring Festival holiday from 10 to
 * 17 February and only encouraged employers to give staff New Year's Eve off (国办发明电〔2023〕7号);
 * the SSE closed from 9 February (关于上海证券交易所2024年部分节假日休市安排的通知, 26 December 2023).
 */
export const EXCHANGE_ONLY_CLOSURES: readonly HolidayClosure[] = [
  { date: "2024-02-09", reason: "Spring Festival", reasonZh: "春节（除夕）" },
];

const byYear = new Map<number, HolidayClosure[]>();
for (const [date, value] of Object.entries((chineseDays as HolidayData).holidays)) {
  const w = weekdayOfDayNumber(toDayNumber(date));
  if (w === 0 || w === 6) continue; // Weekends are closed anyway.
  const [english = "", chinese = ""] = value.split(",");
  const year = Number(date.slice(0, 4));
  const closures = byYear.get(year) ?? [];
  closures.push({ date, reason: ENGLISH_NAMES[english] ?? english, reasonZh: chinese });
  byYear.set(year, closures);
}
for (const closures of byYear.values()) closures.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
const HOLIDAY_CLOSURES: ReadonlyMap<number, readonly HolidayClosure[]> = new Map(
  [...byYear].sort(([a], [b]) => a - b).map(([year, closures]) => [year, Object.freeze(closures)]),
);
const YEARS_COVERED: readonly number[] = Object.freeze([...HOLIDAY_CLOSURES.keys()]);

/**
 * The package's weekday holidays by year, ascending by date, exactly as the State Council announced them
 * (the exchange's own extra closures, EXCHANGE_ONLY_CLOSURES, are not included).
 */
export function sseClosuresFromHolidays(): ReadonlyMap<number, readonly HolidayClosure[]> {
  return HOLIDAY_CLOSURES;
}

/**
 * Years whose holidays the package ships, ascending. A year counts only when the package lists weekday
 * holidays in it (every State Council notice has several), so a stray date never makes a year covered.
 */
export function holidayYearsCovered(): readonly number[] {
  return YEARS_COVERED;
}

/** The SSE closures the trading calendar is built from, with the last year they cover. */
export type SseCalendarSource = {
  readonly lastYear: number;
  readonly closures: readonly { date: string; reason: string }[];
};

/**
 * Weekday SSE closures from `firstYear`: the package's (with the exchange-only closures) for every year it
 * covers, the bundled list for the other years up to `bundledLastYear`. Coverage runs on from the bundled
 * last year through every following year the package covers, so it is max(bundled, package last year)
 * whenever the package's years are contiguous (they are); a missing year is never jumped over.
 */
export function sseCalendarSource(
  bundled: readonly { date: string; reason: string }[],
  coverage: { readonly firstYear: number; readonly bundledLastYear: number },
): SseCalendarSource {
  let lastYear = coverage.bundledLastYear;
  while (HOLIDAY_CLOSURES.has(lastYear + 1)) lastYear++;
  const closures: { date: string; reason: string }[] = [];
  for (let year = coverage.firstYear; year <= lastYear; year++) {
    const fromPackage = HOLIDAY_CLOSURES.get(year);
    const rows = fromPackage
      ? [...fromPackage, ...EXCHANGE_ONLY_CLOSURES.filter((c) => c.date.startsWith(`${year}-`))]
      : bundled.filter((c) => c.date.startsWith(`${year}-`));
    const seen = new Set<string>();
    for (const c of [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
      if (seen.has(c.date)) continue;
      seen.add(c.date);
      closures.push({ date: c.date, reason: c.reason });
    }
  }
  return { lastYear, closures: Object.freeze(closures) };
}
