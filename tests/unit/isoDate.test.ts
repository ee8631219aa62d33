import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonthsClamped,
  civilToDayNumber,
  compareIsoDates,
  dayNumberToCivil,
  daysInMonth,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  maxIsoDate,
  minIsoDate,
  parseIsoDate,
  toDayNumber,
  todayInShanghai,
  weekday,
} from "../../lib/domain/calendar/isoDate";

describe("parseIsoDate / isIsoDate", () => {
  it("accepts strict yyyy-mm-dd only", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of [
      "2023-02-29",
      "2024-13-01",
      "2024-00-10",
      "2024-1-01",
      "2024-01-1",
      "20240101",
      "2024-01-01T00:00",
      " 2024-01-01",
      "",
      "2024/01/01",
    ]) {
      expect(isIsoDate(bad), bad).toBe(false);
      expect(() => parseIsoDate(bad), bad).toThrow(RangeError);
    }
    expect(isIsoDate(20240101)).toBe(false);
  });

  it("knows century leap rules", () => {
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2100-02-29")).toBe(false);
  });
});

describe("day numbers", () => {
  it("anchors at the Unix epoch", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(toDayNumber("2015-01-01")).toBe(16_436);
    expect(fromDayNumber(16_436)).toBe("2015-01-01");
    expect(fromDayNumber(-1)).toBe("1969-12-31");
  });

  it("agrees with Date.UTC and round-trips (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 80_000 }), (dn) => {
        const iso = fromDayNumber(dn);
        expect(iso).toBe(new Date(dn * 86_400_000).toISOString().slice(0, 10));
        expect(toDayNumber(iso)).toBe(dn);
        const c = dayNumberToCivil(dn);
        expect(civilToDayNumber(c.year, c.month, c.day)).toBe(dn);
      }),
    );
  });
});

describe("addDays / daysBetween", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-04-18", -30)).toBe("2025-03-19");
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2025-01-01", "2024-01-01")).toBe(-366);
  });
});

describe("addMonthsClamped", () => {
  it("clamps to the last day of the target month", () => {
    expect(addMonthsClamped("2022-01-31", 1)).toBe("2022-02-28");
    expect(addMonthsClamped("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonthsClamped("2024-03-31", 1)).toBe("2024-04-30");
    expect(addMonthsClamped("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonthsClamped("2024-02-29", 48)).toBe("2028-02-29");
  });

  it("does not clamp when the day exists, and handles year rollover and negatives", () => {
    expect(addMonthsClamped("2021-06-02", 12)).toBe("2022-06-02");
    expect(addMonthsClamped("2023-11-15", 3)).toBe("2024-02-15");
    expect(addMonthsClamped("2024-03-31", -1)).toBe("2024-02-29");
    expect(addMonthsClamped("2024-01-15", -13)).toBe("2022-12-15");
    expect(addMonthsClamped("2024-01-15", 0)).toBe("2024-01-15");
  });

  it("rejects fractional months", () => {
    expect(() => addMonthsClamped("2024-01-15", 1.5)).toThrow(RangeError);
  });

  it("keeps the day unless the target month is shorter (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 16_000, max: 25_000 }), fc.integer({ min: -240, max: 240 }), (dn, m) => {
        const from = parseIsoDate(fromDayNumber(dn));
        const to = parseIsoDate(addMonthsClamped(fromDayNumber(dn), m));
        expect(to.year * 12 + to.month - (from.year * 12 + from.month)).toBe(m);
        expect(to.day).toBeLessThanOrEqual(from.day);
        // Clamping only ever lands on the last day of the target month.
        if (to.day < from.day) expect(to.day).toBe(daysInMonth(to.year, to.month));
      }),
    );
  });
});

describe("weekday / compare", () => {
  it("uses 0 = Sunday", () => {
    expect(weekday("2024-06-10")).toBe(1);
    expect(weekday("2023-03-11")).toBe(6);
    expect(weekday("2025-02-09")).toBe(0);
    expect(isWeekend("2023-03-11")).toBe(true);
    expect(isWeekend("2024-06-10")).toBe(false);
  });

  it("compares calendar order", () => {
    expect(compareIsoDates("2024-01-09", "2024-01-10")).toBe(-1);
    expect(compareIsoDates("2024-01-10", "2024-01-10")).toBe(0);
    expect(compareIsoDates("2025-01-01", "2024-12-31")).toBe(1);
    expect(maxIsoDate("2024-01-09", "2024-01-10")).toBe("2024-01-10");
    expect(minIsoDate("2024-01-09", "2024-01-10")).toBe("2024-01-09");
    expect(() => compareIsoDates("2024-1-9", "2024-01-10")).toThrow(RangeError);
  });
});

describe("todayInShanghai", () => {
  it("is UTC+8 with no DST", () => {
    expect(todayInShanghai(new Date("2024-12-31T15:59:59.999Z"))).toBe("2024-12-31");
    expect(todayInShanghai(new Date("2024-12-31T16:00:00Z"))).toBe("2025-01-01");
    expect(todayInShanghai(new Date("2024-07-01T15:59:59Z"))).toBe("2024-07-01");
    expect(todayInShanghai(new Date("2024-07-01T16:00:00Z"))).toBe("2024-07-02");
  });

  it("rejects an invalid Date", () => {
    expect(() => todayInShanghai(new Date(Number.NaN))).toThrow(RangeError);
  });
});
