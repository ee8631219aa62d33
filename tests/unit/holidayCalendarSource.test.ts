import { describe, expect, it } from "vitest";
import chineseDays from "chinese-days/dist/chinese-days.json";
import {
  EXCHANGE_ONLY_CLOSURES,
  holidayYearsCovered,
  sseCalendarSource,
  sseClosuresFromHolidays,
} from "../../lib/domain/calendar/holidayCalendarSource";
import {
  BUNDLED_SSE_CALENDAR_LAST_YEAR,
  BUNDLED_SSE_CLOSURES,
  SSE_CALENDAR_FIRST_YEAR,
  SSE_CALENDAR_LAST_YEAR,
  SSE_CLOSURES,
} from "../../lib/domain/calendar/sseClosures.data";
import { TradingCalendar } from "../../lib/domain/calendar/tradingCalendar";
import { isWeekend } from "../../lib/domain/calendar/isoDate";

const YEARS = Array.from({ length: 12 }, (_, i) => 2015 + i);

/**
 * Every date on which the package's weekday holidays and the bundled SSE list (data/sse-closures.csv,
 * compiled into sseClosures.data.ts) disagree for 2015-2026, with the reason. A new difference fails the test.
 */
const EXPLAINED_DIFFERENCES: { date: string; only: "bundled" | "package"; why: string }[] = [
  {
    date: "2024-02-09",
    only: "bundled",
    why:
      "New Year's Eve (除夕, a Friday): the State Council's 2024 notice (国办发明电〔2023〕7号) made 10-17 February the " +
      "Spring Festival holiday and only encouraged employers to give staff New Year's Eve off, so the package has no " +
      "holiday that day; the SSE's 2024 closure notice (26 December 2023) closed the market from 9 February. " +
      "Kept as an exchange-only closure (EXCHANGE_ONLY_CLOSURES).",
  },
];

/** English names the package words differently from the bundled list; the calendar keeps the bundled wording. */
const RENAMED = [
  { date: "2015-04-06", packageName: "Tomb-sweeping Day", reason: "Qingming Festival" },
  { date: "2017-10-04", packageName: "Mid-autumn Festival", reason: "Mid-Autumn Festival" },
  { date: "2015-09-03", packageName: "Anti-Fascist 70th Day", reason: "WWII Victory 70th Anniversary" },
];

const holidays = (chineseDays as { holidays: Record<string, string> }).holidays;
const ofYear = <T extends { date: string }>(list: readonly T[], year: number) =>
  list.filter((c) => c.date.startsWith(`${year}-`));

describe("chinese-days as the source of SSE weekday closures", () => {
  it("ships 2004 onwards, so every bundled year 2015-2026 comes from the package (no year falls back)", () => {
    const covered = holidayYearsCovered();
    expect(covered[0]).toBe(2004);
    expect(covered).toEqual(Array.from({ length: covered.length }, (_, i) => 2004 + i));
    // Through 2026 with chinese-days 1.5.7; 2027 arrives with `npm update` once the State Council announces it.
    for (const y of YEARS) expect(covered).toContain(y);
  });

  it.each(YEARS)(
    "%i: the package's weekday holidays match the bundled list but for the explained differences",
    (year) => {
      const fromPackage = sseClosuresFromHolidays().get(year) ?? [];
      const bundled = ofYear(BUNDLED_SSE_CLOSURES, year);
      const packageDates = new Set(fromPackage.map((c) => c.date));
      const bundledDates = new Set(bundled.map((c) => c.date));
      const found = [
        ...bundled.filter((c) => !packageDates.has(c.date)).map((c) => ({ date: c.date, only: "bundled" })),
        ...fromPackage.filter((c) => !bundledDates.has(c.date)).map((c) => ({ date: c.date, only: "package" })),
      ].sort((a, b) => a.date.localeCompare(b.date));
      expect(found).toEqual(ofYear(EXPLAINED_DIFFERENCES, year).map(({ date, only }) => ({ date, only })));
      // Where both list a date, they name the same holiday.
      const reasonOf = new Map(bundled.map((c) => [c.date, c.reason]));
      for (const c of fromPackage) if (reasonOf.has(c.date)) expect(c.reason, c.date).toBe(reasonOf.get(c.date));
    },
  );

  it("every explained difference is in 2015-2026 and says why", () => {
    for (const d of EXPLAINED_DIFFERENCES) {
      expect(d.why.length, d.date).toBeGreaterThan(40);
      expect(YEARS).toContain(Number(d.date.slice(0, 4)));
    }
  });

  it("the exchange-only closures are exactly the bundled dates the package lacks, so the calendar keeps them", () => {
    const bundledOnly = EXPLAINED_DIFFERENCES.filter((d) => d.only === "bundled").map((d) => d.date);
    expect(EXCHANGE_ONLY_CLOSURES.map((c) => c.date)).toEqual(bundledOnly);
    for (const c of EXCHANGE_ONLY_CLOSURES)
      expect(c.reason).toBe(BUNDLED_SSE_CLOSURES.find((b) => b.date === c.date)?.reason);
  });

  it("keeps the bundled English wording where the package's names differ, with the package's Chinese name", () => {
    for (const r of RENAMED) {
      expect(holidays[r.date]?.split(",")[0]).toBe(r.packageName);
      const c = sseClosuresFromHolidays()
        .get(Number(r.date.slice(0, 4)))
        ?.find((x) => x.date === r.date);
      expect(c?.reason).toBe(r.reason);
    }
    const springFestival = sseClosuresFromHolidays()
      .get(2026)
      ?.find((c) => c.date === "2026-02-16");
    expect(springFestival).toEqual({ date: "2026-02-16", reason: "Spring Festival", reasonZh: "春节" });
    const victoryDay = sseClosuresFromHolidays()
      .get(2015)
      ?.find((c) => c.date === "2015-09-03");
    expect(victoryDay?.reasonZh).toBe("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日");
  });

  it("lists weekdays only, ascending; the weekend make-up working days (调休) stay closed", () => {
    for (const closures of sseClosuresFromHolidays().values()) {
      for (let i = 0; i < closures.length; i++) {
        expect(isWeekend(closures[i]!.date), closures[i]!.date).toBe(false);
        if (i > 0) expect(closures[i]!.date > closures[i - 1]!.date).toBe(true);
      }
    }
    const cal = TradingCalendar.sse();
    const workdays = Object.keys((chineseDays as { workdays: Record<string, string> }).workdays).filter(
      (d) => Number(d.slice(0, 4)) >= SSE_CALENDAR_FIRST_YEAR && Number(d.slice(0, 4)) <= SSE_CALENDAR_LAST_YEAR,
    );
    expect(workdays.length).toBeGreaterThan(50);
    for (const d of workdays) {
      expect(isWeekend(d), d).toBe(true);
      expect(cal.isTradingDay(d), d).toBe(false);
    }
    expect(cal.closureReason("2026-02-14")).toBe("weekend"); // A Saturday worked for the Spring Festival.
  });

  it("the trading calendar's closures for 2015-2026 are the bundled list row for row, so nothing changes", () => {
    expect(ofYearRange(SSE_CLOSURES, 2015, 2026)).toEqual(ofYearRange(BUNDLED_SSE_CLOSURES, 2015, 2026));
    expect(SSE_CALENDAR_FIRST_YEAR).toBe(2015);
    expect(SSE_CALENDAR_LAST_YEAR).toBe(Math.max(BUNDLED_SSE_CALENDAR_LAST_YEAR, holidayYearsCovered().at(-1)!));
    expect(TradingCalendar.sse().closureReason("2024-02-09")).toBe("Spring Festival");
    expect(TradingCalendar.sse().closureReason("2026-04-06")).toBe("Qingming Festival");
  });

  it("falls back to the bundled list for years the package lacks: before its first year and after its last", () => {
    const first = holidayYearsCovered()[0]!;
    const last = holidayYearsCovered().at(-1)!;
    const bundled = [
      { date: `${first - 1}-03-02`, reason: "bundled before the package" },
      { date: `${first}-03-02`, reason: "ignored: the package covers this year" },
      { date: `${last + 1}-03-02`, reason: "bundled after the package" },
    ];
    const source = sseCalendarSource(bundled, { firstYear: first - 1, bundledLastYear: last + 1 });
    expect(source.lastYear).toBe(last + 1);
    expect(ofYear(source.closures, first - 1)).toEqual([bundled[0]]);
    expect(ofYear(source.closures, first)).toEqual(
      sseClosuresFromHolidays()
        .get(first)!
        .map(({ date, reason }) => ({ date, reason })),
    );
    expect(ofYear(source.closures, last + 1)).toEqual([bundled[2]]);
    // A bundled list ending before the package does: coverage runs on to the package's last year.
    expect(sseCalendarSource([], { firstYear: 2015, bundledLastYear: 2020 }).lastYear).toBe(Math.max(2020, last));
  });
});

function ofYearRange<T extends { date: string }>(list: readonly T[], from: number, to: number): T[] {
  return list.filter((c) => Number(c.date.slice(0, 4)) >= from && Number(c.date.slice(0, 4)) <= to);
}
