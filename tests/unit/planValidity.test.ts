import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, addMonthsClamped, compareIsoDates } from "../../lib/domain/calendar/isoDate";
import { isWithinValidity, planValidityEnd, validityLapseDate } from "../../lib/domain/plans/planValidity";

describe("plan validity end", () => {
  it("ends the day before the same date validityMonths after the first grant", () => {
    expect(planValidityEnd("2021-06-02", 60)).toBe("2026-06-01");
    expect(validityLapseDate("2021-06-02", 60)).toBe("2026-06-02");
    expect(planValidityEnd("2024-01-01", 12)).toBe("2024-12-31");
  });

  it("clamps to the month's end (31 August + 6 months → 28 February, so the end is the 27th)", () => {
    expect(planValidityEnd("2021-08-31", 6)).toBe("2022-02-27");
    expect(planValidityEnd("2023-08-31", 6)).toBe("2024-02-28");
  });

  it("has no end before the first grant", () => {
    expect(planValidityEnd(null, 60)).toBeNull();
    expect(validityLapseDate(null, 60)).toBeNull();
  });

  it("refuses a negative or fractional month count", () => {
    expect(() => planValidityEnd("2021-06-02", -1)).toThrow(RangeError);
    expect(() => planValidityEnd("2021-06-02", 1.5)).toThrow(RangeError);
  });

  it("the lapse date is always the day after the end, and the end is after the first grant", () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays("2000-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 120 }), (first, months) => {
        const end = planValidityEnd(first, months)!;
        expect(validityLapseDate(first, months)).toBe(addDays(end, 1));
        expect(validityLapseDate(first, months)).toBe(addMonthsClamped(first, months));
        expect(compareIsoDates(end, first)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("within validity", () => {
  const granted = { status: "vesting", firstGrantDate: "2021-06-02", validityMonths: 60 };
  it("counts up to and including the last day", () => {
    expect(isWithinValidity(granted, "2026-06-01")).toBe(true);
    expect(isWithinValidity(granted, "2026-06-02")).toBe(false);
  });
  it("counts a plan not granted yet in full", () => {
    expect(isWithinValidity({ status: "draft", firstGrantDate: null, validityMonths: 60 }, "2099-01-01")).toBe(true);
  });
  it("does not count a closed or expired plan, whatever the dates", () => {
    expect(isWithinValidity({ ...granted, status: "closed" }, "2022-01-01")).toBe(false);
    expect(isWithinValidity({ ...granted, status: "expired" }, "2022-01-01")).toBe(false);
  });
});
