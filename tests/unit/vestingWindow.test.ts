import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TradingCalendar } from "../../lib/domain/calendar/tradingCalendar";
import { addMonthsClamped, fromDayNumber } from "../../lib/domain/calendar/isoDate";
import { vestingWindow } from "../../lib/domain/vesting/vestingWindow";

const cal = TradingCalendar.sse();

describe("vestingWindow", () => {
  it("demo grant 2021-06-02, 12-24 months → 2022-06-02 .. 2023-06-01", () => {
    // Open: G+12m = 2022-06-02, a Thursday and a trading day (the Dragon Boat closure was the
    // next day, Friday 2022-06-03), so the window opens on the anniversary itself.
    // Close: G+24m = 2023-06-02 (Friday, trading); the window closes strictly before it, on
    // Thursday 2023-06-01.
    expect(vestingWindow(cal, "2021-06-02", 12, 24)).toEqual({
      open: "2022-06-02",
      close: "2023-06-01",
      calendarPending: false,
    });
  });

  it("an anniversary on the Dragon Boat Monday (2024-06-10) opens the next day", () => {
    // Grant 2022-06-10 (Fri) + 24m = 2024-06-10, closed → 2024-06-11 (Tue).
    // + 36m = 2025-06-10 (Tue, trading) → close the day before, Monday 2025-06-09.
    expect(vestingWindow(cal, "2022-06-10", 24, 36)).toEqual({
      open: "2024-06-11",
      close: "2025-06-09",
      calendarPending: false,
    });
  });

  it("an anniversary in the 2024 Spring Festival break opens on 2024-02-19", () => {
    // Grant 2023-02-09 (Thu) + 12m = 2024-02-09 (closed); 02-12..16 closed, 02-17/18 weekend.
    // + 24m = 2025-02-09 is a Sunday → last trading day before it is Friday 2025-02-07.
    expect(vestingWindow(cal, "2023-02-09", 12, 24)).toEqual({
      open: "2024-02-19",
      close: "2025-02-07",
      calendarPending: false,
    });
  });

  it("an anniversary on a weekend opens the following Monday", () => {
    // Grant 2022-03-11 (Fri) + 12m = 2023-03-11 (Sat) → Monday 2023-03-13.
    expect(vestingWindow(cal, "2022-03-11", 12, 24).open).toBe("2023-03-13");
  });

  it("a close bound on the first day after National Day closes on the last day before the break", () => {
    // Grant 2021-10-08 (Fri). + 24m = 2023-10-08 (Sun; 2023-10-02..06 closed) → open Mon 2023-10-09.
    // + 36m = 2024-10-08 (first trading day after the break) → close strictly before = 2024-09-30.
    expect(vestingWindow(cal, "2021-10-08", 24, 36)).toEqual({
      open: "2023-10-09",
      close: "2024-09-30",
      calendarPending: false,
    });
  });

  it("clamps month ends: 2023-01-31 + 13m = 2024-02-29, + 25m = 2025-02-28", () => {
    // Unclamped overflow would give 2024-03-02 (Sat) → 03-04, and a close on 2025-02-28.
    // Clamped: open Thu 2024-02-29; G+25m = Fri 2025-02-28 is a trading day → close Thu 2025-02-27.
    expect(vestingWindow(cal, "2023-01-31", 13, 25)).toEqual({
      open: "2024-02-29",
      close: "2025-02-27",
      calendarPending: false,
    });
    // 2022-01-31 + 1 month = 2022-02-28 (Mon, trading).
    expect(vestingWindow(cal, "2022-01-31", 1, 2).open).toBe("2022-02-28");
  });

  it("marks bounds beyond the published calendar as pending (null), never guessed", () => {
    // + 24m = 2027-06-02 needs 2027's closures.
    expect(vestingWindow(cal, "2025-06-02", 12, 24)).toEqual({
      open: "2026-06-02",
      close: null,
      calendarPending: true,
    });
    expect(vestingWindow(cal, "2025-06-02", 24, 36)).toEqual({ open: null, close: null, calendarPending: true });
  });

  it("can close on 2026-12-31 when G+e is 2027-01-01 (only 2026 days are needed)", () => {
    expect(vestingWindow(cal, "2024-01-01", 24, 36)).toEqual({
      open: "2026-01-05",
      close: "2026-12-31",
      calendarPending: false,
    });
    expect(vestingWindow(cal, "2024-01-02", 24, 36).close).toBeNull();
  });

  it("uses admin-added 2027 closures once the year is published", () => {
    const c2027 = TradingCalendar.sse({
      closures: [{ date: "2027-06-02", reason: "Test closure" }],
      lastPublishedYear: 2027,
    });
    // 2027-06-02 is a Wednesday; closed here, so the window closes on 2027-06-01 either way,
    // but the 2026-06-02 anniversary window of the next grant year is now fully known.
    expect(vestingWindow(c2027, "2025-06-02", 12, 24)).toEqual({
      open: "2026-06-02",
      close: "2027-06-01",
      calendarPending: false,
    });
    expect(vestingWindow(c2027, "2025-06-03", 12, 24)).toEqual({
      open: "2026-06-03",
      close: "2027-06-01",
      calendarPending: false,
    });
  });

  it("rejects invalid periods", () => {
    expect(() => vestingWindow(cal, "2021-06-02", 24, 12)).toThrow(RangeError);
    expect(() => vestingWindow(cal, "2021-06-02", 12, 12)).toThrow(RangeError);
    expect(() => vestingWindow(cal, "2021-06-02", -1, 12)).toThrow(RangeError);
    expect(() => vestingWindow(cal, "2021-06-02", 12.5, 24)).toThrow(RangeError);
  });

  it("property: bounds are trading days, open ≤ close, open ≥ G+s and close < G+e", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16_436, max: 20_000 }),
        fc.integer({ min: 0, max: 48 }),
        fc.integer({ min: 1, max: 24 }),
        (grantDay, s, len) => {
          const grant = fromDayNumber(grantDay);
          const w = vestingWindow(cal, grant, s, s + len);
          if (w.open !== null) {
            expect(cal.isTradingDay(w.open)).toBe(true);
            expect(w.open >= addMonthsClamped(grant, s)).toBe(true);
            // Nothing between the bound and the open is a trading day.
            expect(cal.tradingDaysBetween(addMonthsClamped(grant, s), w.open)).toEqual([w.open]);
          }
          if (w.close !== null) {
            expect(cal.isTradingDay(w.close)).toBe(true);
            expect(w.close < addMonthsClamped(grant, s + len)).toBe(true);
          }
          if (w.open !== null && w.close !== null) expect(w.open <= w.close).toBe(true);
          expect(w.calendarPending).toBe(w.open === null || w.close === null);
        },
      ),
      { numRuns: 500 },
    );
  });
});
