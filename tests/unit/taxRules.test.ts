import { describe, expect, it } from "vitest";
import { addDays } from "../../lib/domain/calendar/isoDate";
import { Dec } from "../../lib/domain/numeric/decimal";
import {
  COMPREHENSIVE_INCOME_TABLE_2019,
  SEPARATE_TAXATION_PERIODS,
  deferralPolicyOn,
  rateTableOn,
  separateTaxationOn,
} from "../../lib/domain/tax/taxRules";

describe("rateTableOn", () => {
  it("finds the 2019 comprehensive-income table from 2019-01-01 and nothing before", () => {
    expect(rateTableOn("2019-01-01")?.id).toBe("comprehensive-2019");
    expect(rateTableOn("2026-06-15")?.id).toBe("comprehensive-2019");
    expect(rateTableOn("2018-12-31")).toBeNull();
  });

  it("holds the seven brackets of 个人所得税法 附表一", () => {
    const b = COMPREHENSIVE_INCOME_TABLE_2019.brackets;
    expect(b.map((x) => [x.upTo, x.rate, x.quickDeduction])).toEqual([
      ["36000.00", "0.03", "0.00"],
      ["144000.00", "0.10", "2520.00"],
      ["300000.00", "0.20", "16920.00"],
      ["420000.00", "0.25", "31920.00"],
      ["660000.00", "0.30", "52920.00"],
      ["960000.00", "0.35", "85920.00"],
      [null, "0.45", "181920.00"],
    ]);
  });

  it("has quick deductions that keep the tax continuous at every threshold", () => {
    // deduction_k = deduction_(k-1) + threshold_(k-1) × (rate_k − rate_(k-1)):
    // 0 + 36,000 × 0.07 = 2,520; 2,520 + 144,000 × 0.10 = 16,920; 16,920 + 300,000 × 0.05 = 31,920;
    // 31,920 + 420,000 × 0.05 = 52,920; 52,920 + 660,000 × 0.05 = 85,920; 85,920 + 960,000 × 0.10 = 181,920.
    const b = COMPREHENSIVE_INCOME_TABLE_2019.brackets;
    for (let k = 1; k < b.length; k++) {
      const prev = b[k - 1]!;
      const cur = b[k]!;
      const expected = new Dec(prev.quickDeduction).plus(new Dec(prev.upTo!).times(new Dec(cur.rate).minus(prev.rate)));
      expect(new Dec(cur.quickDeduction).eq(expected)).toBe(true);
    }
  });

  it("rejects a date that is not yyyy-mm-dd", () => {
    expect(() => rateTableOn("2026-02-30")).toThrow(RangeError);
  });
});

describe("separateTaxationOn", () => {
  it("covers 2019-01-01 to 2027-12-31 in three periods and nothing outside", () => {
    expect(separateTaxationOn("2018-12-31")).toBeNull();
    expect(separateTaxationOn("2019-01-01")?.id).toBe("separate-2019");
    expect(separateTaxationOn("2021-12-31")?.id).toBe("separate-2019");
    expect(separateTaxationOn("2022-01-01")?.id).toBe("separate-2022");
    expect(separateTaxationOn("2022-12-31")?.id).toBe("separate-2022");
    expect(separateTaxationOn("2023-01-01")?.id).toBe("separate-2023");
    expect(separateTaxationOn("2027-12-31")?.id).toBe("separate-2023");
    expect(separateTaxationOn("2028-01-01")).toBeNull();
  });

  it("has no gap: each period starts the day after the previous one ends", () => {
    for (let k = 1; k < SEPARATE_TAXATION_PERIODS.length; k++) {
      expect(SEPARATE_TAXATION_PERIODS[k]!.from).toBe(addDays(SEPARATE_TAXATION_PERIODS[k - 1]!.to, 1));
    }
  });

  it("marks the 2022 extension (公告2021年第42号) as not verified and the others as verified", () => {
    expect(separateTaxationOn("2022-06-30")?.sources.map((s) => s.verified)).toEqual([false]);
    expect(separateTaxationOn("2022-06-30")?.sources[0]?.document).toContain("2021年第42号");
    expect(separateTaxationOn("2020-06-30")?.sources[0]).toMatchObject({ provision: "第二条(一)", verified: true });
    expect(separateTaxationOn("2026-06-30")?.sources[0]).toMatchObject({ verified: true });
    expect(separateTaxationOn("2026-06-30")?.sources[0]?.document).toContain("2023年第25号");
  });
});

describe("deferralPolicyOn", () => {
  it("covers events from 2023-01-01 (unpaid tax) to 2027-12-31 with 36 months", () => {
    expect(deferralPolicyOn("2022-12-31")).toBeNull();
    // A 2023 event qualifies although the policy itself runs from 2024-01-01.
    const p = deferralPolicyOn("2023-01-01");
    expect(p).toMatchObject({ id: "deferral-2024", from: "2024-01-01", to: "2027-12-31", maxMonths: 36 });
    expect(p?.sources[0]?.document).toContain("2024年第2号");
    expect(deferralPolicyOn("2027-12-31")?.id).toBe("deferral-2024");
    expect(deferralPolicyOn("2028-01-01")).toBeNull();
  });
});
