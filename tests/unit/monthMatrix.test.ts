import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { monthMatrix } from "@/app/(portal)/_components/monthMatrix";
import { daysInMonth, weekday } from "@/lib/domain/calendar/isoDate";

describe("monthMatrix", () => {
  it("lays out February 2024 (leap year, starts on a Thursday) with the 29th", () => {
    expect(monthMatrix(2024, 2)).toEqual([
      [null, null, null, "2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04"],
      ["2024-02-05", "2024-02-06", "2024-02-07", "2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11"],
      ["2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17", "2024-02-18"],
      ["2024-02-19", "2024-02-20", "2024-02-21", "2024-02-22", "2024-02-23", "2024-02-24", "2024-02-25"],
      ["2024-02-26", "2024-02-27", "2024-02-28", "2024-02-29", null, null, null],
    ]);
  });

  it("needs no leading padding for a month starting on Monday (September 2025)", () => {
    const weeks = monthMatrix(2025, 9);
    expect(weeks[0]).toEqual([
      "2025-09-01",
      "2025-09-02",
      "2025-09-03",
      "2025-09-04",
      "2025-09-05",
      "2025-09-06",
      "2025-09-07",
    ]);
    expect(weeks).toHaveLength(5);
    expect(weeks[4]).toEqual(["2025-09-29", "2025-09-30", null, null, null, null, null]);
  });

  it("puts the 1st in the last column for a month starting on Sunday (June 2025), needing six weeks", () => {
    const weeks = monthMatrix(2025, 6);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2025-06-01"]);
    expect(weeks).toHaveLength(6);
    expect(weeks[5]).toEqual(["2025-06-30", null, null, null, null, null, null]);
  });

  it("fits February 2021 (common year, starts on Monday) in exactly four weeks", () => {
    const weeks = monthMatrix(2021, 2);
    expect(weeks).toHaveLength(4);
    expect(weeks.flat().every((d) => d !== null)).toBe(true);
  });

  it("lists every date of any month exactly once, in order, each under its weekday", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const weeks = monthMatrix(year, month);
        expect(weeks.length).toBeGreaterThanOrEqual(4);
        expect(weeks.length).toBeLessThanOrEqual(6);
        for (const week of weeks) expect(week).toHaveLength(7);
        const dates = weeks.flat().filter((d): d is string => d !== null);
        const expected = Array.from(
          { length: daysInMonth(year, month) },
          (_, i) =>
            `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`,
        );
        expect(dates).toEqual(expected);
        weeks.forEach((week) => week.forEach((d, column) => d !== null && expect((weekday(d) + 6) % 7).toBe(column)));
        // Padding only at the ends: no full week of nulls.
        expect(weeks.some((w) => w.every((d) => d === null))).toBe(false);
      }),
    );
  });

  it("rejects months and years out of range", () => {
    for (const [y, m] of [
      [2025, 0],
      [2025, 13],
      [2025, 1.5],
      [0, 1],
      [Number.NaN, 1],
    ] as const) {
      expect(() => monthMatrix(y, m)).toThrow(RangeError);
    }
  });
});
