import { describe, expect, it } from "vitest";
import { TradingCalendar } from "../../lib/domain/calendar/tradingCalendar";
import { addDays, fromDayNumber, toDayNumber, weekday } from "../../lib/domain/calendar/isoDate";
import { RuleError, isRuleError } from "../../lib/domain/errors";

const cal = TradingCalendar.sse();

function expectNotPublished(fn: () => unknown): RuleError {
  try {
    fn();
  } catch (e) {
    expect(isRuleError(e, "CALENDAR_NOT_PUBLISHED")).toBe(true);
    return e as RuleError;
  }
  throw new Error("expected CALENDAR_NOT_PUBLISHED");
}

describe("TradingCalendar.sse: trading days", () => {
  it("Dragon Boat 2024-06-10 (a Monday) is closed; the Friday before and the Tuesday after trade", () => {
    expect(cal.isTradingDay("2024-06-07")).toBe(true);
    expect(cal.isTradingDay("2024-06-10")).toBe(false);
    expect(cal.closureReason("2024-06-10")).toBe("Dragon Boat Festival");
    expect(cal.isTradingDay("2024-06-11")).toBe(true);
    expect(cal.firstTradingDayOnOrAfter("2024-06-08")).toBe("2024-06-11");
    expect(cal.lastTradingDayBefore("2024-06-11")).toBe("2024-06-07");
  });

  it("Spring Festival 2024: 02-09 (Fri) and 02-12..16 closed, reopening Monday 02-19", () => {
    expect(cal.isTradingDay("2024-02-08")).toBe(true);
    for (const d of ["2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16"]) {
      expect(cal.isTradingDay(d), d).toBe(false);
      expect(cal.closureReason(d), d).toBe("Spring Festival");
    }
    expect(cal.closureReason("2024-02-10")).toBe("weekend");
    expect(cal.firstTradingDayOnOrAfter("2024-02-09")).toBe("2024-02-19");
    expect(cal.lastTradingDayBefore("2024-02-19")).toBe("2024-02-08");
    expect(cal.tradingDaysBetween("2024-02-07", "2024-02-20")).toEqual([
      "2024-02-07",
      "2024-02-08",
      "2024-02-19",
      "2024-02-20",
    ]);
  });

  it("National Day 2024: 10-01..04 and 10-07 closed, 10-05/06 weekend, reopening 10-08", () => {
    expect(cal.closureReason("2024-10-01")).toBe("National Day");
    expect(cal.closureReason("2024-10-05")).toBe("weekend");
    expect(cal.closureReason("2024-10-07")).toBe("National Day");
    expect(cal.firstTradingDayOnOrAfter("2024-10-01")).toBe("2024-10-08");
    expect(cal.lastTradingDayBefore("2024-10-08")).toBe("2024-09-30");
    expect(cal.tradingDaysBetween("2024-09-30", "2024-10-08")).toEqual(["2024-09-30", "2024-10-08"]);
  });

  it("weekend make-up working days (调休) are still closed for the exchange", () => {
    // 2024-02-04 (Sun) and 2024-10-12 (Sat) were State Council working days.
    expect(cal.isTradingDay("2024-02-04")).toBe(false);
    expect(cal.isTradingDay("2024-10-12")).toBe(false);
  });

  it("returns null as closure reason on trading days, and includes the 2015 WWII closure", () => {
    expect(cal.closureReason("2024-06-11")).toBeNull();
    expect(cal.closureReason("2015-09-03")).toBe("WWII Victory 70th Anniversary");
    expect(cal.closureReason("2020-01-31")).toBe("Spring Festival");
  });

  it("firstTradingDayOnOrAfter returns the date itself on a trading day; lastTradingDayBefore is strict", () => {
    expect(cal.firstTradingDayOnOrAfter("2024-06-11")).toBe("2024-06-11");
    expect(cal.lastTradingDayBefore("2024-06-12")).toBe("2024-06-11");
    expect(cal.lastTradingDayBefore("2024-06-11")).toBe("2024-06-07");
  });

  it("has about 242 trading days a year", () => {
    expect(cal.tradingDaysBetween("2024-01-01", "2024-12-31")).toHaveLength(242);
    expect(cal.tradingDaysBetween("2023-01-01", "2023-12-31")).toHaveLength(242);
    expect(cal.tradingDaysBetween("2024-01-02", "2024-01-01")).toEqual([]);
  });

  it("agrees with a naive weekday-and-list scan over the whole coverage", () => {
    const closed = new Set((cal as unknown as { reasons: Map<number, string> }).reasons.keys());
    let expectedNext = -1;
    for (let dn = cal.lastDayNumber; dn >= cal.firstDayNumber; dn--) {
      const w = weekday(fromDayNumber(dn));
      const trading = w !== 0 && w !== 6 && !closed.has(dn);
      if (trading) expectedNext = dn;
      expect(cal.isTradingDayNumber(dn)).toBe(trading);
      expect(cal.firstTradingDayNumberOnOrAfter(dn)).toBe(expectedNext);
    }
  });
});

describe("TradingCalendar coverage", () => {
  it("covers 2015-01-01..2026-12-31", () => {
    expect(cal.firstDate).toBe("2015-01-01");
    expect(cal.lastDate).toBe("2026-12-31");
    expect(cal.coversDate("2026-12-31")).toBe(true);
    expect(cal.coversDate("2027-01-01")).toBe(false);
    expect(cal.coversDate("2014-12-31")).toBe(false);
  });

  it("throws CALENDAR_NOT_PUBLISHED after the last published year and before 2015, never guessing", () => {
    const e = expectNotPublished(() => cal.isTradingDay("2027-01-04"));
    expect(e.details).toMatchObject({ date: "2027-01-04", coveredTo: "2026-12-31" });
    expectNotPublished(() => cal.isTradingDay("2014-12-31"));
    expectNotPublished(() => cal.closureReason("2027-06-01"));
    expectNotPublished(() => cal.firstTradingDayOnOrAfter("2027-01-01"));
    // Saturday 2026-12-26 is covered, but its next trading day (Mon 12-28) is too: fine.
    expect(cal.firstTradingDayOnOrAfter("2026-12-26")).toBe("2026-12-28");
    expectNotPublished(() => cal.lastTradingDayBefore("2027-01-02"));
    expectNotPublished(() => cal.lastTradingDayBefore("2015-01-05"));
    expectNotPublished(() => cal.tradingDaysBetween("2026-12-01", "2027-01-10"));
  });

  it("answers lastTradingDayBefore(2027-01-01) because only 2026 days are needed", () => {
    expect(cal.lastTradingDayBefore("2027-01-01")).toBe("2026-12-31");
  });

  it("rejects malformed dates with RangeError", () => {
    expect(() => cal.isTradingDay("2024-6-10")).toThrow(RangeError);
  });
});

describe("TradingCalendar extra closures", () => {
  const extra2027 = [
    { date: "2027-01-01", reason: "New Year's Day" },
    { date: "2027-02-08", reason: "Spring Festival" },
  ];

  it("extends coverage to lastPublishedYear with admin-entered closures", () => {
    const c = TradingCalendar.sse({ closures: extra2027, lastPublishedYear: 2027 });
    expect(c.lastDate).toBe("2027-12-31");
    expect(c.isTradingDay("2027-01-01")).toBe(false);
    expect(c.closureReason("2027-02-08")).toBe("Spring Festival");
    expect(c.isTradingDay("2027-02-09")).toBe(true);
    expect(c.firstTradingDayOnOrAfter("2026-12-31")).toBe("2026-12-31");
    expect(c.firstTradingDayOnOrAfter("2027-01-01")).toBe("2027-01-04");
    expectNotPublished(() => c.isTradingDay("2028-01-03"));
  });

  it("ignores closures for a year that has not been declared published", () => {
    const c = TradingCalendar.sse({ closures: extra2027 });
    expect(c.lastDate).toBe("2026-12-31");
    expectNotPublished(() => c.isTradingDay("2027-02-08"));
  });

  it("can add an extraordinary closure inside coverage", () => {
    const c = TradingCalendar.sse({ closures: [{ date: "2025-07-16", reason: "Typhoon" }] });
    expect(c.isTradingDay("2025-07-16")).toBe(false);
    expect(c.closureReason("2025-07-16")).toBe("Typhoon");
    expect(c.firstTradingDayOnOrAfter("2025-07-16")).toBe("2025-07-17");
    expect(cal.isTradingDay("2025-07-16")).toBe(true);
  });

  it("shares one immutable bundled calendar", () => {
    expect(TradingCalendar.sse()).toBe(TradingCalendar.sse());
    expect(TradingCalendar.sse({ closures: [] })).not.toBe(TradingCalendar.sse());
  });

  it("validates its inputs", () => {
    expect(TradingCalendar.sse({ lastPublishedYear: 2025 }).lastDate).toBe("2026-12-31"); // never shrinks
    expect(() => TradingCalendar.sse({ closures: [{ date: "2025-07-16", reason: " " }] })).toThrow(RangeError);
    expect(() => TradingCalendar.sse({ closures: [{ date: "2025-7-16", reason: "x" }] })).toThrow(RangeError);
    expect(() => new TradingCalendar([], { firstYear: 2020, lastPublishedYear: 2019 })).toThrow(RangeError);
  });
});

describe("TradingCalendar speed", () => {
  it("answers a million next-trading-day lookups quickly (O(1) per lookup)", () => {
    const first = toDayNumber("2015-01-01");
    const t0 = performance.now();
    let acc = 0;
    for (let i = 0; i < 1_000_000; i++) acc += cal.firstTradingDayNumberOnOrAfter(first + (i % 4000));
    expect(acc).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(addDays("2015-01-01", 4000) < cal.lastDate).toBe(true);
  });
});
