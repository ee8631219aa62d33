/**
 * Reporting periods and money formatting for the expense tables: months into quarters and calendar years,
 * fen as yuan and as 万元 (1 万元 = 10,000 yuan = 1,000,000 fen; 0.01 万元 = 10,000 fen).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { periodOfMonth, sumByPeriod, tenThousandYuanOfFen, yuanOfFen } from "@/lib/domain/expense/expensePeriods";

describe("periodOfMonth", () => {
  it("keeps the month at the month grain", () => {
    expect(periodOfMonth("2025-03", "month")).toBe("2025-03");
  });

  it("maps months to calendar quarters", () => {
    const cases: [string, string][] = [
      ["2025-01", "2025Q1"],
      ["2025-03", "2025Q1"],
      ["2025-04", "2025Q2"],
      ["2025-06", "2025Q2"],
      ["2025-07", "2025Q3"],
      ["2025-09", "2025Q3"],
      ["2025-10", "2025Q4"],
      ["2025-12", "2025Q4"],
    ];
    for (const [month, quarter] of cases) expect(periodOfMonth(month, "quarter")).toBe(quarter);
  });

  it("maps months to calendar (fiscal) years", () => {
    expect(periodOfMonth("2025-01", "year")).toBe("2025");
    expect(periodOfMonth("2025-12", "year")).toBe("2025");
    expect(periodOfMonth("2026-01", "year")).toBe("2026");
  });
});

describe("sumByPeriod", () => {
  // Given out of order on purpose, with a reversal (2025-08) and two years.
  const months = [
    { month: "2026-02", amountFen: 60_000 },
    { month: "2025-04", amountFen: 100_000 },
    { month: "2025-08", amountFen: -100_000 },
    { month: "2025-05", amountFen: 100_000 },
    { month: "2025-12", amountFen: 60_000 },
    { month: "2026-01", amountFen: 60_000 },
    { month: "2025-06", amountFen: 100_000 },
    { month: "2025-07", amountFen: 100_000 },
  ];

  it("sums by year in calendar order", () => {
    // 2025: 4 × 100,000 − 100,000 + 60,000 = 360,000; 2026: 2 × 60,000 = 120,000.
    expect(sumByPeriod(months, "year")).toEqual([
      { period: "2025", amountFen: 360_000 },
      { period: "2026", amountFen: 120_000 },
    ]);
  });

  it("sums by quarter in calendar order, leaving out quarters with nothing booked", () => {
    // Q2 2025: April–June 300,000; Q3: July 100,000 + August −100,000 = 0; Q4: December 60,000; Q1 2026: 120,000.
    expect(sumByPeriod(months, "quarter")).toEqual([
      { period: "2025Q2", amountFen: 300_000 },
      { period: "2025Q3", amountFen: 0 },
      { period: "2025Q4", amountFen: 60_000 },
      { period: "2026Q1", amountFen: 120_000 },
    ]);
  });

  it("sorts and merges months at the month grain", () => {
    const out = sumByPeriod([...months, { month: "2025-04", amountFen: 5 }], "month");
    expect(out.map((p) => p.period)).toEqual([
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(out[0]).toEqual({ period: "2025-04", amountFen: 100_005 });
  });

  it("returns nothing for no months, and accepts any iterable", () => {
    expect(sumByPeriod([], "year")).toEqual([]);
    function* gen() {
      yield { month: "2027-03", amountFen: 1 };
      yield { month: "2027-01", amountFen: 2 };
    }
    expect(sumByPeriod(gen(), "quarter")).toEqual([{ period: "2027Q1", amountFen: 3 }]);
  });

  it("preserves the total at every grain, with periods strictly increasing", () => {
    const monthArb = fc
      .record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }) })
      .map(({ year, month }) => `${year}-${String(month).padStart(2, "0")}`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ month: monthArb, amountFen: fc.integer({ min: -1e9, max: 1e9 }) })),
        fc.constantFrom("month" as const, "quarter" as const, "year" as const),
        (ms, grain) => {
          const out = sumByPeriod(ms, grain);
          const total = ms.reduce((s, m) => s + m.amountFen, 0);
          expect(out.reduce((s, p) => s + p.amountFen, 0)).toBe(total);
          for (let k = 1; k < out.length; k++) expect(out[k - 1]!.period < out[k]!.period).toBe(true);
          // Periods in which some month booked something; a period with only zero months is left out.
          const booked = ms.filter((m) => m.amountFen !== 0).map((m) => periodOfMonth(m.month, grain));
          expect(new Set(out.map((p) => p.period))).toEqual(new Set(booked));
        },
      ),
    );
  });
});

describe("yuanOfFen", () => {
  it("writes fen as yuan with two decimals", () => {
    expect(yuanOfFen(0)).toBe("0.00");
    expect(yuanOfFen(5)).toBe("0.05");
    expect(yuanOfFen(50)).toBe("0.50");
    expect(yuanOfFen(100)).toBe("1.00");
    expect(yuanOfFen(123_405)).toBe("1234.05");
    expect(yuanOfFen(-5)).toBe("-0.05");
    expect(yuanOfFen(-123_405)).toBe("-1234.05");
    expect(yuanOfFen(7_362_752_190)).toBe("73627521.90");
  });

  it("is exact up to the largest safe integer", () => {
    // 9,007,199,254,740,991 fen = 90,071,992,547,409.91 yuan
    expect(yuanOfFen(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
    expect(yuanOfFen(-Number.MAX_SAFE_INTEGER)).toBe("-90071992547409.91");
  });

  it("rejects fractional, unsafe or non-finite fen", () => {
    for (const fen of [0.5, Number.NaN, Infinity, 2 ** 53]) expect(() => yuanOfFen(fen)).toThrow(RangeError);
  });

  it("round-trips: the string read back as fen is the input", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const s = yuanOfFen(fen);
        expect(s).toMatch(/^-?\d+\.\d{2}$/);
        const [whole, frac] = s.replace("-", "").split(".");
        expect((s.startsWith("-") ? -1 : 1) * (Number(whole) * 100 + Number(frac))).toBe(fen);
      }),
    );
  });
});

describe("tenThousandYuanOfFen", () => {
  it("writes fen as 万元 rounded half away from zero", () => {
    // 7,362,752,190 fen = 73,627,521.90 yuan = 7,362.7521900 万元 → 7,362.75 (the 生益电子 total)
    expect(tenThousandYuanOfFen(7_362_752_190)).toBe("7362.75");
    expect(tenThousandYuanOfFen(0)).toBe("0.00");
    // 4,999 fen = 0.004999 万元 → 0.00; 5,000 fen = 0.005 万元 → 0.01 (half up); 14,999 → 0.01; 15,000 → 0.02
    expect(tenThousandYuanOfFen(4_999)).toBe("0.00");
    expect(tenThousandYuanOfFen(5_000)).toBe("0.01");
    expect(tenThousandYuanOfFen(14_999)).toBe("0.01");
    expect(tenThousandYuanOfFen(15_000)).toBe("0.02");
    // 1,000,000 fen = 1 万元; 99,995,000 fen = 99.995 万元 → 100.00 (the carry crosses the decimal point)
    expect(tenThousandYuanOfFen(1_000_000)).toBe("1.00");
    expect(tenThousandYuanOfFen(99_995_000)).toBe("100.00");
    expect(tenThousandYuanOfFen(99_994_999)).toBe("99.99");
  });

  it("is symmetrical for negative amounts", () => {
    expect(tenThousandYuanOfFen(-7_362_752_190)).toBe("-7362.75");
    expect(tenThousandYuanOfFen(-5_000)).toBe("-0.01");
    expect(tenThousandYuanOfFen(-15_000)).toBe("-0.02");
    expect(tenThousandYuanOfFen(-99_995_000)).toBe("-100.00");
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 1e13 }), (fen) => {
        expect(tenThousandYuanOfFen(-fen)).toBe(`-${tenThousandYuanOfFen(fen)}`);
      }),
    );
  });

  it("agrees with half-up rounding of the exact quotient", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (fen) => {
        // hundredths of 万元 = fen / 10,000, rounded half up; integer arithmetic keeps it exact.
        const q = Math.floor(fen / 10_000);
        const hundredths = fen % 10_000 >= 5_000 ? q + 1 : q;
        const expected = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
        expect(tenThousandYuanOfFen(fen)).toBe(expected);
      }),
    );
  });

  it("rejects fractional, unsafe or non-finite fen", () => {
    for (const fen of [0.5, Number.NaN, -Infinity, 2 ** 53])
      expect(() => tenThousandYuanOfFen(fen)).toThrow(RangeError);
  });
});

describe("tenThousandYuanOfFen near zero", () => {
  it("prints a negative amount that rounds to zero without a minus sign", () => {
    expect(tenThousandYuanOfFen(-4999)).toBe("0.00");
    expect(tenThousandYuanOfFen(-1)).toBe("0.00");
    expect(tenThousandYuanOfFen(-5000)).toBe("-0.01");
  });
});
