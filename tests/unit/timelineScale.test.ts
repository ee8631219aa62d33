import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  TIMELINE_MARGIN,
  timelineRange,
  timelineScale,
  yearStarts,
  type TimelineDates,
} from "@/app/(portal)/_components/timelineScale";
import { fromDayNumber, toDayNumber } from "@/lib/domain/calendar/isoDate";

describe("timelineScale", () => {
  it("maps the endpoints to the margins", () => {
    const x = timelineScale("2024-06-14", "2028-06-13", 800);
    expect(x("2024-06-14")).toBe(TIMELINE_MARGIN);
    expect(x("2028-06-13")).toBe(800 - TIMELINE_MARGIN);
  });

  it("counts the leap day: 2024-03-01 is 60 of 366 days into 2024", () => {
    const x = timelineScale("2024-01-01", "2025-01-01", 800);
    const inner = 800 - 2 * TIMELINE_MARGIN;
    expect(x("2024-03-01")).toBeCloseTo(TIMELINE_MARGIN + (60 / 366) * inner, 9);
    expect(x("2024-02-29") - x("2024-02-28")).toBeCloseTo(inner / 366, 9);
    expect(x("2024-07-02")).toBeCloseTo(TIMELINE_MARGIN + (183 / 366) * inner, 9);
  });

  it("gives a common year 365 equal days", () => {
    const x = timelineScale("2023-01-01", "2024-01-01", 800);
    expect(x("2023-03-01") - x("2023-02-28")).toBeCloseTo((800 - 2 * TIMELINE_MARGIN) / 365, 9);
  });

  it("extrapolates outside the range so callers can clip", () => {
    const x = timelineScale("2025-01-01", "2025-01-11", 800);
    expect(x("2024-12-31")).toBeLessThan(TIMELINE_MARGIN);
    expect(x("2025-01-12")).toBeGreaterThan(800 - TIMELINE_MARGIN);
  });

  it("centres a one-day range", () => {
    expect(timelineScale("2025-05-05", "2025-05-05", 800)("2025-05-05")).toBe(400);
  });

  it("rejects a reversed range, a width without room and invalid dates", () => {
    expect(() => timelineScale("2025-01-02", "2025-01-01", 800)).toThrow(RangeError);
    expect(() => timelineScale("2025-01-01", "2025-01-02", 2 * TIMELINE_MARGIN)).toThrow(RangeError);
    expect(() => timelineScale("2025-02-30", "2025-03-01", 800)).toThrow(RangeError);
  });

  it("is strictly increasing and stays inside the margins for dates in range", () => {
    const day = fc.integer({ min: toDayNumber("1990-01-01"), max: toDayNumber("2100-12-31") });
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 100, max: 4000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (start, span, width, p, q) => {
          const x = timelineScale(fromDayNumber(start), fromDayNumber(start + span), width);
          const [lo, hi] = [Math.min(p, q), Math.max(p, q)];
          const a = start + Math.floor(lo * span);
          const b = start + Math.ceil(hi * span);
          const xa = x(fromDayNumber(a));
          const xb = x(fromDayNumber(b));
          if (a < b) expect(xa).toBeLessThan(xb);
          expect(xa).toBeGreaterThanOrEqual(TIMELINE_MARGIN);
          expect(xb).toBeLessThanOrEqual(width - TIMELINE_MARGIN + 1e-9);
        },
      ),
    );
  });
});

const tranche = (
  windowOpen: string | null,
  windowClose: string | null,
  extra: Partial<TimelineDates> = {},
): TimelineDates => ({ windowOpen, windowClose, earliestVestingDate: null, vestingDate: null, ...extra });

describe("timelineRange", () => {
  it("spans the earliest window open to the day after the latest close", () => {
    const tranches = [
      tranche("2025-06-16", "2026-06-12", { earliestVestingDate: "2025-06-16" }),
      tranche("2026-06-15", "2027-06-11"),
    ];
    expect(timelineRange(tranches, "2025-01-01")).toEqual({ from: "2025-06-16", to: "2027-06-12" });
  });

  it("starts at the grant date when given", () => {
    expect(timelineRange([tranche("2025-06-16", "2026-06-12")], "2030-01-01", "2024-06-14")).toEqual({
      from: "2024-06-14",
      to: "2026-06-13",
    });
  });

  it("runs 12 months past the last known date when a window has no close yet", () => {
    const tranches = [
      tranche("2025-06-16", "2026-06-12"),
      tranche("2026-06-15", null, { earliestVestingDate: "2026-06-15" }),
    ];
    expect(timelineRange(tranches, "2025-01-01")).toEqual({ from: "2025-06-16", to: "2027-06-16" });
  });

  it("clamps the 12-month fallback from a leap day", () => {
    expect(timelineRange([tranche("2024-02-29", null)], "2024-01-01")).toEqual({
      from: "2024-02-29",
      to: "2025-03-01",
    });
  });

  it("includes a vesting date outside the window", () => {
    expect(
      timelineRange(
        [tranche(null, null, { vestingDate: "2025-03-03" }), tranche("2025-01-01", "2025-02-01")],
        "2025-01-01",
      ).from,
    ).toBe("2025-01-01");
  });

  it("falls back to a year from today when nothing is known", () => {
    expect(timelineRange([tranche(null, null)], "2025-05-05")).toEqual({ from: "2025-05-05", to: "2026-05-06" });
    expect(timelineRange([], "2025-05-05")).toEqual({ from: "2025-05-05", to: "2026-05-06" });
  });
});

describe("yearStarts", () => {
  it("lists January 1sts strictly inside the range", () => {
    expect(yearStarts("2024-06-14", "2027-06-12")).toEqual(["2025-01-01", "2026-01-01", "2027-01-01"]);
    expect(yearStarts("2025-01-01", "2026-01-01")).toEqual([]);
    expect(yearStarts("2025-03-01", "2025-09-01")).toEqual([]);
  });
});
