/**
 * The monthly expense of one tranche: hand-computed cases to the fen, forfeiture catch-ups, the daily
 * convention, rounding, and properties over random tranches. Published tables are pinned in
 * shareBasedPaymentExamples.test.ts.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  trancheExpenseByMonth,
  trancheTotalFen,
  type AmortisationConvention,
  type ExpenseTranche,
  type MonthlyAmount,
} from "@/lib/domain/expense/expenseSchedule";

const tranche = (over: Partial<ExpenseTranche> = {}): ExpenseTranche => ({
  key: "t",
  grantDate: "2025-04-17",
  serviceMonths: 12,
  fairValue: "12.00",
  shares: 1_000,
  forfeitures: [],
  ...over,
});

const sum = (months: readonly MonthlyAmount[]) => months.reduce((s, m) => s + m.amountFen, 0);

/** "2025-04", "2025-05", ... : `count` consecutive calendar months from `first`. */
function monthsFrom(first: string, count: number): string[] {
  const start = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
  });
}

describe("monthly convention, by hand", () => {
  // 1,000 shares × 12.00 yuan = 1,200,000 fen over 12 months: 100,000 fen a month, the grant month (April
  // 2025) counted in full and the vesting month (April 2026) not.
  it("spreads 1,000 × 12.00 evenly over April 2025 – March 2026", () => {
    const months = trancheExpenseByMonth(tranche(), "monthly");
    expect(months).toEqual(monthsFrom("2025-04", 12).map((month) => ({ month, amountFen: 100_000 })));
    expect(months.at(-1)?.month).toBe("2026-03");
    expect(months.some((m) => m.month === "2026-04")).toBe(false);
    expect(trancheTotalFen(tranche(), "monthly")).toBe(1_200_000);
  });

  describe("a leaver's 400 shares lapsing on 2025-08-20", () => {
    const withLeaver = tranche({ forfeitures: [{ date: "2025-08-20", shares: 400 }] });
    // April–July: 1,000 shares expected, cumulative k × 100,000; July ends at 400,000.
    // August (month 5 of 12): 600 shares × 1,200 fen × 5/12 = 300,000 cumulative → 300,000 − 400,000 = −100,000.
    // September – March: 600 × 1,200 / 12 = 60,000 a month (7 months, 420,000); total 720,000 = 600 × 1,200.
    const expected = [
      ["2025-04", 100_000],
      ["2025-05", 100_000],
      ["2025-06", 100_000],
      ["2025-07", 100_000],
      ["2025-08", -100_000],
      ["2025-09", 60_000],
      ["2025-10", 60_000],
      ["2025-11", 60_000],
      ["2025-12", 60_000],
      ["2026-01", 60_000],
      ["2026-02", 60_000],
      ["2026-03", 60_000],
    ].map(([month, amountFen]) => ({ month, amountFen }));

    it("books the catch-up reversal in August and carries on from 600 shares", () => {
      const months = trancheExpenseByMonth(withLeaver, "monthly");
      expect(months).toEqual(expected);
      expect(sum(months)).toBe(720_000);
      expect(trancheTotalFen(withLeaver, "monthly")).toBe(720_000);
      expect(months.filter((m) => m.amountFen < 0)).toEqual([{ month: "2025-08", amountFen: -100_000 }]);
    });

    it("leaves the months before the lapse as they were without it", () => {
      const before = trancheExpenseByMonth(tranche(), "monthly");
      const after = trancheExpenseByMonth(withLeaver, "monthly");
      expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
      expect(after[4]).not.toEqual(before[4]);
    });

    it("counts a lapse from the month it takes effect, whatever the day", () => {
      // 2025-08-01 and 2025-08-31 are both in August; 2025-07-31 is in July.
      for (const date of ["2025-08-01", "2025-08-31"]) {
        expect(trancheExpenseByMonth(tranche({ forfeitures: [{ date, shares: 400 }] }), "monthly")).toEqual(expected);
      }
      const july = trancheExpenseByMonth(tranche({ forfeitures: [{ date: "2025-07-31", shares: 400 }] }), "monthly");
      // July (month 4): 600 × 1,200 × 4/12 = 240,000 cumulative → 240,000 − 300,000 = −60,000.
      expect(july[3]).toEqual({ month: "2025-07", amountFen: -60_000 });
      expect(july[4]).toEqual({ month: "2025-08", amountFen: 60_000 });
      expect(sum(july)).toBe(720_000);
    });

    it("adds up several lapses, in date order whatever order they are given in", () => {
      const two = tranche({
        forfeitures: [
          { date: "2025-11-05", shares: 100 },
          { date: "2025-08-20", shares: 400 },
        ],
      });
      const months = trancheExpenseByMonth(two, "monthly");
      // Up to October as with the leaver alone (cumulative in October: 600 × 1,200 × 7/12 = 420,000).
      expect(months.slice(0, 7)).toEqual(expected.slice(0, 7));
      // November (month 8): 500 × 1,200 × 8/12 = 400,000 → 400,000 − 420,000 = −20,000; then 50,000 a month.
      expect(months[7]).toEqual({ month: "2025-11", amountFen: -20_000 });
      expect(months.slice(8).map((m) => m.amountFen)).toEqual([50_000, 50_000, 50_000, 50_000]);
      expect(sum(months)).toBe(600_000);
    });

    it("never books below zero expected shares", () => {
      const all = tranche({
        forfeitures: [
          { date: "2025-08-20", shares: 700 },
          { date: "2025-09-20", shares: 700 },
        ],
      });
      const months = trancheExpenseByMonth(all, "monthly");
      // August: 300 × 1,200 × 5/12 = 150,000 cumulative → 150,000 − 400,000 = −250,000.
      // September: 1,000 − 1,400 → 0 shares expected (not −400), cumulative 0 → 0 − 150,000 = −150,000.
      expect(months[4]).toEqual({ month: "2025-08", amountFen: -250_000 });
      expect(months[5]).toEqual({ month: "2025-09", amountFen: -150_000 });
      expect(months.slice(6).every((m) => m.amountFen === 0)).toBe(true);
      expect(sum(months)).toBe(0);
    });
  });

  it("extends the schedule to a lapse dated after the service period and books the reversal there", () => {
    const late = tranche({ forfeitures: [{ date: "2026-06-10", shares: 400 }] });
    const months = trancheExpenseByMonth(late, "monthly");
    // April 2025 – March 2026 in full (1,200,000), April and May 2026 nothing, June 2026: 720,000 − 1,200,000.
    expect(months.map((m) => m.month)).toEqual(monthsFrom("2025-04", 15));
    expect(months.slice(0, 12).every((m) => m.amountFen === 100_000)).toBe(true);
    expect(months.slice(12)).toEqual([
      { month: "2026-04", amountFen: 0 },
      { month: "2026-05", amountFen: 0 },
      { month: "2026-06", amountFen: -480_000 },
    ]);
    expect(sum(months)).toBe(720_000);
  });

  it("counts a lapse dated before the grant month in the grant month", () => {
    // 1,000 − 400 = 600 shares from the start: 600 × 1,200 / 12 = 60,000 a month.
    const early = tranche({ forfeitures: [{ date: "2025-01-15", shares: 400 }] });
    const months = trancheExpenseByMonth(early, "monthly");
    expect(months).toEqual(monthsFrom("2025-04", 12).map((month) => ({ month, amountFen: 60_000 })));
  });

  it("expenses a one-month tranche in its grant month", () => {
    expect(trancheExpenseByMonth(tranche({ serviceMonths: 1 }), "monthly")).toEqual([
      { month: "2025-04", amountFen: 1_200_000 },
    ]);
  });

  it("crosses year ends: grant 2025-12-31, 3 months → December, January, February", () => {
    // 300 shares × 1.00 = 30,000 fen; 10,000 a month.
    const t = tranche({ grantDate: "2025-12-31", serviceMonths: 3, fairValue: "1.00", shares: 300 });
    expect(trancheExpenseByMonth(t, "monthly")).toEqual([
      { month: "2025-12", amountFen: 10_000 },
      { month: "2026-01", amountFen: 10_000 },
      { month: "2026-02", amountFen: 10_000 },
    ]);
  });
});

describe("daily convention, by hand", () => {
  // 365 shares × 1.00 yuan = 36,500 fen over 2025-01-01 → 2026-01-01 (365 days): 100 fen a day.
  const daily = tranche({ grantDate: "2025-01-01", serviceMonths: 12, fairValue: "1.00", shares: 365 });
  const days2025 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

  it("books each month's days × 100 fen", () => {
    const months = trancheExpenseByMonth(daily, "daily");
    expect(months.slice(0, 12)).toEqual(
      monthsFrom("2025-01", 12).map((month, k) => ({ month, amountFen: days2025[k]! * 100 })),
    );
    expect(months[0]).toEqual({ month: "2025-01", amountFen: 3_100 });
    expect(months[1]).toEqual({ month: "2025-02", amountFen: 2_800 });
    // The vesting month (January 2026) has no service day left: nothing, if it appears at all.
    expect(months.slice(12).every((m) => m.amountFen === 0)).toBe(true);
    expect(sum(months)).toBe(36_500);
  });

  it("prorates both the grant month and the vesting month for a mid-month grant", () => {
    // 2025-04-17 → 2026-04-17 is 365 days; April 2025 has 14 (17th–30th), April 2026 16 (1st–16th).
    const mid = tranche({ grantDate: "2025-04-17", serviceMonths: 12, fairValue: "1.00", shares: 365 });
    const months = trancheExpenseByMonth(mid, "daily");
    const days = [14, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31, 16];
    expect(months).toEqual(monthsFrom("2025-04", 13).map((month, k) => ({ month, amountFen: days[k]! * 100 })));
    expect(sum(months)).toBe(36_500);
  });

  it("books a lapse's catch-up in its month", () => {
    // 165 shares lapse on 2025-03-10: 200 shares left. End of March: 90 days elapsed (31 + 28 + 31).
    // Cumulative end of February: 365 × 100 × 59/365 = 5,900; end of March: 200 × 100 × 90/365 = 4,931.5 → 4,932.
    const t = { ...daily, forfeitures: [{ date: "2025-03-10", shares: 165 }] };
    const months = trancheExpenseByMonth(t, "daily");
    expect(months.slice(0, 3)).toEqual([
      { month: "2025-01", amountFen: 3_100 },
      { month: "2025-02", amountFen: 2_800 },
      { month: "2025-03", amountFen: 4_932 - 5_900 },
    ]);
    expect(sum(months)).toBe(20_000);
  });
});

describe("rounding", () => {
  it("rounds the cumulative figure, so uneven months still add up to shares × fair value", () => {
    // 1 share × 1.00 over 3 months: cumulative round(100/3) = 33, round(200/3) = 67, 100 → 33, 34, 33.
    const a = trancheExpenseByMonth(tranche({ shares: 1, fairValue: "1.00", serviceMonths: 3 }), "monthly");
    expect(a.map((m) => m.amountFen)).toEqual([33, 34, 33]);

    // 7 shares × 0.01 over 12 months: cumulative round(7k/12) = 1, 1, 2, 2, 3, 4 (3.5 rounds up), 4, 5, 5, 6, 6, 7.
    const b = trancheExpenseByMonth(tranche({ shares: 7, fairValue: "0.01", serviceMonths: 12 }), "monthly");
    expect(b.map((m) => m.amountFen)).toEqual([1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1]);

    // 1,000,001 shares × 33.33 over 7 months: 3,333 × 1,000,001 = 3,333,003,333 fen; each month within a fen
    // of 3,333,003,333 / 7 = 476,143,333.29.
    const c = trancheExpenseByMonth(tranche({ shares: 1_000_001, fairValue: "33.33", serviceMonths: 7 }), "monthly");
    expect(sum(c)).toBe(3_333_003_333);
    for (const m of c) expect(Math.abs(m.amountFen - 476_143_333.29)).toBeLessThan(1);

    expect(sum([...a, ...b, ...c])).toBe(100 + 7 + 3_333_003_333);
  });

  it("reads fair values with 0, 1 or 2 decimals", () => {
    // "12" = "12.0" = "12.00" = 1,200 fen; "0.5" = 50 fen.
    for (const fairValue of ["12", "12.0", "12.00"]) {
      expect(trancheTotalFen(tranche({ fairValue }), "monthly")).toBe(1_200_000);
    }
    expect(trancheTotalFen(tranche({ fairValue: "0.5" }), "monthly")).toBe(50_000);
  });

  it("expenses fractional share counts (grant-date units after a bonus issue)", () => {
    // 1,000.5 shares × 1,200 fen = 1,200,600 fen; 100,050 a month.
    const months = trancheExpenseByMonth(tranche({ shares: 1_000.5 }), "monthly");
    expect(months.every((m) => m.amountFen === 100_050)).toBe(true);
  });
});

describe("malformed input", () => {
  it("rejects a service period that is not a positive whole number of months", () => {
    for (const serviceMonths of [0, -1, 1.5, Number.NaN]) {
      for (const convention of ["monthly", "daily"] as const) {
        expect(() => trancheExpenseByMonth(tranche({ serviceMonths }), convention)).toThrow(RangeError);
      }
    }
  });

  it("rejects a fair value that is not yuan with at most two decimals", () => {
    for (const fairValue of ["1.234", "-1.00", "1.", ".5", "abc", "", "1,00"]) {
      expect(() => trancheExpenseByMonth(tranche({ fairValue }), "monthly")).toThrow(RangeError);
    }
  });

  it("rejects a grant date that is not an ISO date", () => {
    expect(() => trancheExpenseByMonth(tranche({ grantDate: "2025-02-30" }), "monthly")).toThrow(RangeError);
  });
});

describe("properties", () => {
  const isoDate = (min: string, max: string) =>
    fc
      .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  const fairValueArb = fc
    .integer({ min: 1, max: 99_999 })
    .map((fen) => ({ fen, yuan: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}` }));
  const trancheArb = fc.record({
    grantDate: isoDate("2000-01-01", "2040-12-31"),
    serviceMonths: fc.integer({ min: 1, max: 48 }),
    fairValue: fairValueArb,
    shares: fc.integer({ min: 0, max: 1_000_000 }),
    forfeitures: fc.array(
      fc.record({ date: isoDate("1999-01-01", "2046-12-31"), shares: fc.integer({ min: 0, max: 400_000 }) }),
      { maxLength: 5 },
    ),
  });
  const conventionArb = fc.constantFrom<AmortisationConvention>("monthly", "daily");
  type Generated = typeof trancheArb extends fc.Arbitrary<infer T> ? T : never;
  const build = (t: Generated) => tranche({ ...t, fairValue: t.fairValue.yuan });

  it("adds up to fair value × the shares finally expected, in consecutive months from the grant month", () => {
    fc.assert(
      fc.property(trancheArb, conventionArb, (t, convention) => {
        const months = trancheExpenseByMonth(build(t), convention);
        const lapsed = t.forfeitures.reduce((s, f) => s + f.shares, 0);
        expect(sum(months)).toBe(Math.round(t.fairValue.fen * Math.max(0, t.shares - lapsed)));
        expect(months.map((m) => m.month)).toEqual(monthsFrom(t.grantDate.slice(0, 7), months.length));
        for (const m of months) expect(Number.isSafeInteger(m.amountFen)).toBe(true);
        // The schedule reaches every lapse dated after the grant month.
        for (const f of t.forfeitures) {
          if (f.date.slice(0, 7) >= t.grantDate.slice(0, 7))
            expect(months.at(-1)!.month >= f.date.slice(0, 7)).toBe(true);
        }
      }),
    );
  });

  it("never books a negative month without lapses, and covers the service period", () => {
    fc.assert(
      fc.property(trancheArb, conventionArb, (t, convention) => {
        const months = trancheExpenseByMonth(build({ ...t, forfeitures: [] }), convention);
        for (const m of months) expect(m.amountFen).toBeGreaterThanOrEqual(0);
        expect(sum(months)).toBe(t.fairValue.fen * t.shares);
        // monthly: exactly serviceMonths months; daily: up to the vesting date's month (one more).
        expect(months.length).toBe(convention === "monthly" ? t.serviceMonths : t.serviceMonths + 1);
      }),
    );
  });

  it("leaves every month before the first lapse's month as it would be without lapses", () => {
    fc.assert(
      fc.property(trancheArb, conventionArb, (t, convention) => {
        fc.pre(t.forfeitures.length > 0);
        const first = t.forfeitures.map((f) => f.date.slice(0, 7)).sort()[0]!;
        const withLapses = trancheExpenseByMonth(build(t), convention);
        const without = trancheExpenseByMonth(build({ ...t, forfeitures: [] }), convention);
        const lastWithout = without.at(-1)!.month;
        const unaffected = (m: MonthlyAmount) => m.month < first && m.month <= lastWithout;
        expect(withLapses.filter(unaffected)).toEqual(without.filter(unaffected));
        // Months the lapse adds after the service period book nothing until the lapse itself.
        const added = withLapses.filter((m) => m.month > lastWithout && m.month < first);
        expect(added.every((m) => m.amountFen === 0)).toBe(true);
      }),
    );
  });
});
