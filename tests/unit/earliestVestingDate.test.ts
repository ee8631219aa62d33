import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TradingCalendar } from "../../lib/domain/calendar/tradingCalendar";
import { fromDayNumber, maxIsoDate, toDayNumber } from "../../lib/domain/calendar/isoDate";
import type { BlackoutWindow } from "../../lib/domain/blackout/blackoutWindows";
import { earliestVestingDate, prepareBlackouts } from "../../lib/domain/vesting/earliestVestingDate";
import { vestingWindow } from "../../lib/domain/vesting/vestingWindow";

const cal = TradingCalendar.sse();
const win = (id: string, from: string, to: string): BlackoutWindow => ({
  id,
  planId: null,
  kind: "major_event",
  from,
  to,
  reason: { kind: "major_event" },
});

// Demo grant 2021-06-02, 12-24 months: window 2022-06-02 (Thu) .. 2023-06-01 (Thu).
const demo = { open: "2022-06-02", close: "2023-06-01" };

describe("earliestVestingDate", () => {
  it("is the window open when nothing blocks it", () => {
    expect(earliestVestingDate(cal, demo, [], "2022-01-01")).toEqual({
      date: "2022-06-02",
      reason: null,
      deferredBy: [],
    });
  });

  it("starts from asOf inside the window, moving to the next trading day", () => {
    // 2022-06-03 (Fri) was Dragon Boat, 06-04/05 weekend → Monday 2022-06-06.
    expect(earliestVestingDate(cal, demo, [], "2022-06-03").date).toBe("2022-06-06");
    expect(earliestVestingDate(cal, demo, [], "2022-06-06").date).toBe("2022-06-06");
  });

  it("defers past a blackout covering the window open, to the first trading day after it", () => {
    // Blackout ends Friday 2022-06-10 → Monday 2022-06-13.
    const me = win("me", "2022-05-20", "2022-06-10");
    const r = earliestVestingDate(cal, demo, [me], "2022-01-01");
    expect(r).toEqual({ date: "2022-06-13", reason: null, deferredBy: [me] });
  });

  it("chains through adjacent and overlapping windows and lists every window that blocked a candidate", () => {
    const a = win("a", "2022-05-20", "2022-06-10");
    const b = win("b", "2022-06-01", "2022-06-08"); // also contains 2022-06-02, ends earlier
    const weekendOnly = win("weekend", "2022-06-11", "2022-06-12"); // never holds a candidate
    const c = win("c", "2022-06-13", "2022-06-15");
    const r = earliestVestingDate(cal, demo, [c, weekendOnly, b, a], "2022-01-01");
    expect(r.date).toBe("2022-06-16");
    expect(r.deferredBy.map((w) => w.id)).toEqual(["a", "b", "c"]);
  });

  it("allows the last day of the window when a blackout ends the day before", () => {
    const r = earliestVestingDate(cal, demo, [win("x", "2023-05-01", "2023-05-31")], "2023-05-10");
    expect(r).toEqual({ date: "2023-06-01", reason: null, deferredBy: [win("x", "2023-05-01", "2023-05-31")] });
  });

  it("is null when blackouts cover the rest of the window", () => {
    const x = win("x", "2023-05-15", "2023-06-30");
    expect(earliestVestingDate(cal, demo, [x], "2023-05-20")).toEqual({
      date: null,
      reason: "no permissible day left in the window",
      deferredBy: [x],
    });
    const y = win("y", "2023-05-15", "2023-06-01");
    expect(earliestVestingDate(cal, demo, [y], "2023-05-20").reason).toBe("no permissible day left in the window");
  });

  it("is null when asOf is after the close", () => {
    expect(earliestVestingDate(cal, demo, [], "2023-06-02")).toEqual({
      date: null,
      reason: "no permissible day left in the window",
      deferredBy: [],
    });
  });

  it("reports a pending exchange calendar for uncovered years", () => {
    expect(earliestVestingDate(cal, { open: null, close: null }, [], "2025-01-01")).toEqual({
      date: null,
      reason: "exchange calendar not yet published",
      deferredBy: [],
    });
    // Open known (2026-12-28, Mon), close beyond 2026: a blackout into 2027 leaves the answer pending.
    const yearEnd = win("ye", "2026-12-25", "2027-01-10");
    expect(earliestVestingDate(cal, { open: "2026-12-28", close: null }, [yearEnd], "2026-01-01")).toEqual({
      date: null,
      reason: "exchange calendar not yet published",
      deferredBy: [yearEnd],
    });
    // ...but a permissible covered day is a valid answer even though the close is unknown.
    expect(
      earliestVestingDate(
        cal,
        { open: "2026-12-28", close: null },
        [win("z", "2026-12-25", "2026-12-29")],
        "2026-01-01",
      ).date,
    ).toBe("2026-12-30");
  });

  it("accepts prepared blackouts", () => {
    const prepared = prepareBlackouts([win("me", "2022-05-20", "2022-06-10")]);
    expect(earliestVestingDate(cal, demo, prepared, "2022-01-01").date).toBe("2022-06-13");
  });

  it("property: the date is a trading day in the window, in no blackout, and every earlier trading day was blocked", () => {
    const arbWindows = fc.array(fc.tuple(fc.integer({ min: 18_900, max: 19_700 }), fc.integer({ min: 0, max: 40 })), {
      maxLength: 25,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 18_600, max: 19_300 }),
        fc.constantFrom(12, 24),
        arbWindows,
        fc.integer({ min: 18_900, max: 19_800 }),
        (grantDay, s, spans, asOfDay) => {
          const w = vestingWindow(cal, fromDayNumber(grantDay), s, s + 12);
          const blackouts = spans.map(([from, len], i) => win(`w${i}`, fromDayNumber(from), fromDayNumber(from + len)));
          const asOf = fromDayNumber(asOfDay);
          const r = earliestVestingDate(cal, w, blackouts, asOf);
          const blocked = (d: string) => blackouts.some((b) => b.from <= d && d <= b.to);
          const start = maxIsoDate(w.open!, asOf);
          if (r.date !== null) {
            expect(r.reason).toBeNull();
            expect(cal.isTradingDay(r.date)).toBe(true);
            expect(blocked(r.date)).toBe(false);
            expect(r.date >= start && r.date <= w.close!).toBe(true);
          }
          const end = r.date ?? w.close!;
          const skipped = start <= end ? cal.tradingDaysBetween(start, end).filter((d) => d !== r.date) : [];
          for (const d of skipped) expect(blocked(d)).toBe(true);
          if (r.date === null) expect(r.reason).toBe("no permissible day left in the window");
          // Each deferring window held a skipped candidate; each skipped candidate's windows are listed.
          const ids = new Set(r.deferredBy.map((b) => b.id));
          expect(ids.size).toBe(r.deferredBy.length);
          for (const b of r.deferredBy) expect(skipped.some((d) => b.from <= d && d <= b.to)).toBe(true);
          for (const d of skipped) {
            const holders = blackouts.filter((b) => b.from <= d && d <= b.to);
            expect(holders.some((b) => ids.has(b.id))).toBe(true);
          }
          expect(toDayNumber(w.open!)).toBeLessThanOrEqual(toDayNumber(w.close!));
        },
      ),
      { numRuns: 300 },
    );
  });
});
