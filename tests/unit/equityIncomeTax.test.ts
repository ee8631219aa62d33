import { describe, expect, it } from "vitest";
import {
  deferralEndDate,
  equityIncomeTax,
  estimateTax,
  type VestingIncomeInput,
} from "../../lib/domain/tax/equityIncomeTax";

const resident = { resident: true };

function vesting(id: string, vestingDate: string, shares: number, closingPrice: string | null, grantPrice = "20.00") {
  return { id, vestingDate, shares, closingPrice, grantPrice } satisfies VestingIncomeInput;
}

// 10,000 × (50.00 − 20.00) = 300,000.00 and 10,000 × (40.00 − 20.00) = 200,000.00
const june = vesting("june", "2026-06-15", 10_000, "50.00");
const november = vesting("november", "2026-11-20", 10_000, "40.00");

describe("equityIncomeTax", () => {
  it("taxes one vesting of 300,000.00 at 20 % − 16,920 = 43,080.00", () => {
    // 300,000 is the top of the 20 % bracket (inclusive): 300,000 × 0.20 − 16,920 = 60,000 − 16,920 = 43,080.
    expect(equityIncomeTax({ person: resident, vestings: [june] })).toEqual([
      {
        id: "june",
        status: "computed",
        income: "300000.00",
        yearToDateIncome: "300000.00",
        rate: "0.20",
        quickDeduction: "16920.00",
        yearToDateTax: "43080.00",
        tax: "43080.00",
        rules: { rateTable: "comprehensive-2019", separateTaxation: "separate-2023" },
        verified: true,
      },
    ]);
  });

  it("combines a second vesting of the year: 500,000 at 30 % − 52,920 = 97,080, so the second costs 54,000", () => {
    const [, second] = equityIncomeTax({ person: resident, vestings: [june, november] });
    // 500,000 × 0.30 − 52,920 = 150,000 − 52,920 = 97,080; 97,080 − 43,080 = 54,000 (27 % of 200,000).
    expect(second).toMatchObject({
      id: "november",
      status: "computed",
      income: "200000.00",
      yearToDateIncome: "500000.00",
      rate: "0.30",
      quickDeduction: "52920.00",
      yearToDateTax: "97080.00",
      tax: "54000.00",
    });
  });

  it("is continuous at the 36,000 threshold and rounds the tax half-up to the fen", () => {
    // 1,200 × 30.00 = 36,000.00 → 3 %: 1,080.00
    const [at] = equityIncomeTax({ person: resident, vestings: [vesting("a", "2026-03-02", 1200, "50.00")] });
    expect(at).toMatchObject({ income: "36000.00", rate: "0.03", quickDeduction: "0.00", tax: "1080.00" });
    // 1 × (36,010.01 − 10.00) = 36,000.01 → 10 %: 3,600.001 − 2,520 = 1,080.001 → 1,080.00
    const [above] = equityIncomeTax({
      person: resident,
      vestings: [vesting("b", "2026-03-02", 1, "36010.01", "10.00")],
    });
    expect(above).toMatchObject({ income: "36000.01", rate: "0.10", quickDeduction: "2520.00", tax: "1080.00" });
    // 1 × (36,010.05 − 10.00) = 36,000.05 → 3,600.005 − 2,520 = 1,080.005 → 1,080.01 (half-even would give 1,080.00)
    const [half] = equityIncomeTax({
      person: resident,
      vestings: [vesting("c", "2026-03-02", 1, "36010.05", "10.00")],
    });
    expect(half).toMatchObject({ yearToDateTax: "1080.01", tax: "1080.01" });
  });

  it("rounds the income half-up to the fen with a 4-decimal adjusted grant price", () => {
    // 3 × (50.00 − 20.0050) = 3 × 29.995 = 89.985 → 89.99; tax 89.99 × 0.03 = 2.6997 → 2.70
    const [r] = equityIncomeTax({ person: resident, vestings: [vesting("a", "2026-03-02", 3, "50.00", "20.0050")] });
    expect(r).toMatchObject({ income: "89.99", tax: "2.70" });
  });

  it("gives a close below the grant price no income and no tax, and leaves the year to date alone", () => {
    const under = vesting("under", "2026-03-02", 5000, "15.00");
    const [first, second] = equityIncomeTax({ person: resident, vestings: [under, june] });
    expect(first).toMatchObject({ income: "0.00", yearToDateIncome: "0.00", yearToDateTax: "0.00", tax: "0.00" });
    expect(second).toMatchObject({ yearToDateIncome: "300000.00", tax: "43080.00" });
  });

  it("does not compute for a non-resident", () => {
    expect(equityIncomeTax({ person: { resident: false }, vestings: [june, november] })).toEqual([
      { id: "june", status: "not_computed", reason: "non_resident" },
      { id: "november", status: "not_computed", reason: "non_resident" },
    ]);
  });

  it("does not compute without a price, nor any later vesting whose bracket depends on it", () => {
    const unpriced = vesting("june", "2026-06-15", 10_000, null);
    expect(equityIncomeTax({ person: resident, vestings: [unpriced, november] })).toEqual([
      { id: "june", status: "not_computed", reason: "no_price", missingPriceOf: "june" },
      { id: "november", status: "not_computed", reason: "no_price", missingPriceOf: "june" },
    ]);
    const [first, second] = equityIncomeTax({
      person: resident,
      vestings: [june, { ...november, closingPrice: null }],
    });
    expect(first).toMatchObject({ status: "computed", tax: "43080.00" });
    expect(second).toEqual({ id: "november", status: "not_computed", reason: "no_price", missingPriceOf: "november" });
  });

  it("does not compute after the separate taxation ends on 2027-12-31", () => {
    expect(equityIncomeTax({ person: resident, vestings: [vesting("y2028", "2028-01-05", 100, "50.00")] })).toEqual([
      { id: "y2028", status: "not_computed", reason: "outside_separate_taxation" },
    ]);
    // The last day is still covered: 100 × 30 = 3,000 × 3 % = 90.00
    const [last] = equityIncomeTax({ person: resident, vestings: [vesting("d", "2027-12-31", 100, "50.00")] });
    expect(last).toMatchObject({ status: "computed", tax: "90.00" });
  });

  it("says when the rule rests on the unverified 2022 extension", () => {
    const [r] = equityIncomeTax({ person: resident, vestings: [vesting("a", "2022-06-15", 100, "50.00")] });
    expect(r).toMatchObject({ status: "computed", rules: { separateTaxation: "separate-2022" }, verified: false });
  });

  describe("incomeSoFar and withheldSoFar (equity income of the year not in `vestings`)", () => {
    it("start the year to date and count as tax already carried", () => {
      // The June vesting recorded elsewhere: 300,000 income, 43,080 withheld. November alone then costs
      // 97,080 − 43,080 = 54,000, exactly as when both are listed.
      const [r] = equityIncomeTax({
        person: resident,
        vestings: [november],
        incomeSoFar: "300000.00",
        withheldSoFar: "43080.00",
      });
      expect(r).toMatchObject({ yearToDateIncome: "500000.00", yearToDateTax: "97080.00", tax: "54000.00" });
    });

    it("never make a tax negative: an excess withheld is set against the next vestings", () => {
      // Elsewhere: 100,000 income with 20,000 withheld (more than 100,000 × 10 % − 2,520 = 7,480).
      // a: 1,000 × 50 = 50,000 → YTD 150,000 → 30,000 − 16,920 = 13,080; 13,080 − 20,000 < 0 → 0.
      // b: 2,000 × 50 = 100,000 → YTD 250,000 → 50,000 − 16,920 = 33,080; 33,080 − 20,000 − 0 = 13,080.
      const [a, b] = equityIncomeTax({
        person: resident,
        vestings: [vesting("a", "2026-03-02", 1000, "70.00"), vesting("b", "2026-09-01", 2000, "70.00")],
        incomeSoFar: "100000.00",
        withheldSoFar: "20000.00",
      });
      expect(a).toMatchObject({ yearToDateIncome: "150000.00", yearToDateTax: "13080.00", tax: "0.00" });
      expect(b).toMatchObject({ yearToDateIncome: "250000.00", yearToDateTax: "33080.00", tax: "13080.00" });
    });

    it("must come together, as money with 2 decimals", () => {
      expect(() => equityIncomeTax({ person: resident, vestings: [june], withheldSoFar: "100.00" })).toThrow(
        RangeError,
      );
      expect(() => equityIncomeTax({ person: resident, vestings: [june], incomeSoFar: "100.00" })).toThrow(RangeError);
      expect(() =>
        equityIncomeTax({ person: resident, vestings: [june], incomeSoFar: "1.001", withheldSoFar: "0" }),
      ).toThrow(RangeError);
    });
  });

  it("rejects vestings of different calendar years, out of date order, or malformed", () => {
    const nextYear = vesting("y2027", "2027-01-04", 100, "50.00");
    expect(() => equityIncomeTax({ person: resident, vestings: [june, nextYear] })).toThrow(RangeError);
    expect(() => equityIncomeTax({ person: resident, vestings: [november, june] })).toThrow(RangeError);
    expect(() => equityIncomeTax({ person: resident, vestings: [{ ...june, shares: 1.5 }] })).toThrow(RangeError);
    expect(() => equityIncomeTax({ person: resident, vestings: [{ ...june, closingPrice: "5e1" }] })).toThrow(
      RangeError,
    );
    expect(() => equityIncomeTax({ person: resident, vestings: [{ ...june, grantPrice: "0" }] })).toThrow(RangeError);
    expect(() => equityIncomeTax({ person: resident, vestings: [{ ...june, vestingDate: "2026-6-15" }] })).toThrow(
      RangeError,
    );
    expect(equityIncomeTax({ person: resident, vestings: [] })).toEqual([]);
  });
});

describe("estimateTax", () => {
  it("puts the assumed price in for unknown closes only, and says which", () => {
    // June keeps its known close of 50.00; November takes the assumed 40.00: the worked example again.
    const [a, b] = estimateTax({ person: resident, vestings: [june, { ...november, closingPrice: null }] }, "40.00");
    expect(a).toMatchObject({ priceAssumed: false, tax: "43080.00" });
    expect(b).toMatchObject({ priceAssumed: true, yearToDateIncome: "500000.00", tax: "54000.00" });
    // At an assumed 60.00 November is 10,000 × 40 = 400,000 → YTD 700,000 → 35 %: 245,000 − 85,920 = 159,080;
    // 159,080 − 43,080 = 116,000.
    const [, c] = estimateTax({ person: resident, vestings: [june, { ...november, closingPrice: null }] }, "60.00");
    expect(c).toMatchObject({ rate: "0.35", tax: "116000.00" });
  });

  it("still gives no figure where the real computation gives none", () => {
    const [r] = estimateTax({ person: { resident: false }, vestings: [{ ...june, closingPrice: null }] }, "40.00");
    expect(r).toEqual({ id: "june", status: "not_computed", reason: "non_resident", priceAssumed: true });
    expect(() => estimateTax({ person: resident, vestings: [june] }, "-1")).toThrow(RangeError);
  });
});

describe("deferralEndDate", () => {
  it("is 36 months from the vesting date, clamped to the month's end", () => {
    expect(deferralEndDate("2026-06-15")).toBe("2029-06-15");
    expect(deferralEndDate("2024-02-29")).toBe("2027-02-28");
    expect(deferralEndDate("2027-12-31")).toBe("2030-12-31");
  });

  it("counts a 2023 event (tax still unpaid) from the event date, and covers nothing before 2023 or from 2028", () => {
    expect(deferralEndDate("2023-02-28")).toBe("2026-02-28");
    expect(deferralEndDate("2023-01-01")).toBe("2026-01-01");
    expect(deferralEndDate("2022-12-31")).toBeNull();
    expect(deferralEndDate("2028-03-01")).toBeNull();
  });
});
