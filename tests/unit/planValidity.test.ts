import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, addMonthsClamped, compareIsoDates } from "../../lib/domain/calendar/isoDate";
import {
  checkReservedTranchesWithinValidity,
  isWithinValidity,
  planValidityEnd,
  validityLapseDate,
} from "../../lib/domain/plans/planValidity";

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

describe("reserved tranche windows within the validity from the first grant", () => {
  const arrangement = [
    { index: 1, endMonths: 24 },
    { index: 2, endMonths: 36 },
    { index: 3, endMonths: 48 },
  ];
  const input = (grantDate: string, firstGrantDate: string | null = "2025-10-24") => ({
    grantDate,
    firstGrantDate,
    validityMonths: 48,
    categories: [{ code: 1, tranches: arrangement }],
  });

  it("allows a last window ending on the validity's last day, refuses one a day later with the dates", () => {
    expect(checkReservedTranchesWithinValidity(input("2025-10-24"))).toEqual([]);
    const [v, ...rest] = checkReservedTranchesWithinValidity(input("2025-10-25"));
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      code: "RESERVED_TRANCHE_AFTER_VALIDITY",
      details: { categoryCode: 1, tranche: 3, windowEnd: "2029-10-24", validityEnd: "2029-10-23" },
    });
    expect(v!.message).toContain("2029-10-24");
    expect(v!.message).toContain("2029-10-23");
  });

  it("reports every window that does not fit, per category", () => {
    const out = checkReservedTranchesWithinValidity({
      ...input("2026-12-01"),
      categories: [
        { code: 1, tranches: arrangement },
        { code: 2, tranches: [{ index: 1, endMonths: 12 }] },
      ],
    });
    expect(out.map((v) => [v.details.categoryCode, v.details.tranche])).toEqual([
      [1, 2],
      [1, 3],
    ]);
  });

  it("has nothing to check before the first grant", () => {
    expect(checkReservedTranchesWithinValidity(input("2030-01-01", null))).toEqual([]);
  });

  it("never refuses a reserve granted on the first grant date when set-up fits (endMonths <= validity)", () => {
    const day = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays("2000-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 120 }), (first, validity) => {
        const tranches = [{ index: 1, endMonths: validity }];
        expect(
          checkReservedTranchesWithinValidity({
            grantDate: first,
            firstGrantDate: first,
            validityMonths: validity,
            categories: [{ code: 1, tranches }],
          }),
        ).toEqual([]);
      }),
    );
  });
});
