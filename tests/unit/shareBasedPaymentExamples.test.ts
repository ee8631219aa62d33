/**
 * The fair value and the expense table pinned to published grant notices (see
 * docs/domain/share-based-payment.md for the sources). Each notice gives S, K, the terms, σ, r (and q)
 * and the table "需摊销的总费用 / 各年摊销" in 万元; both must come out to the 0.01 万元.
 */
import { describe, expect, it } from "vitest";
import { blackScholesValue, fairValuePerShare } from "@/lib/domain/expense/blackScholes";
import { trancheExpenseByMonth, type ExpenseTranche } from "@/lib/domain/expense/expenseSchedule";
import { sumByPeriod, tenThousandYuanOfFen } from "@/lib/domain/expense/expensePeriods";

function table(tranches: ExpenseTranche[]) {
  const months = tranches.flatMap((t) => trancheExpenseByMonth(t, "monthly"));
  const total = months.reduce((s, m) => s + m.amountFen, 0);
  return {
    total: tenThousandYuanOfFen(total),
    years: sumByPeriod(months, "year").map((p) => [p.period, tenThousandYuanOfFen(p.amountFen)]),
  };
}

describe("生益电子 (688183), reserved grant of 2025-04-17", () => {
  // 3,910,118 shares at 5.01; S = 23.70; 12 / 24 months; σ 20.42 % / 17.44 %; r 1.50 % / 2.10 %; 50 % / 50 %.
  const inputs = (years: number, volatility: number, riskFreeRate: number) => ({
    sharePrice: 23.7,
    grantPrice: 5.01,
    years,
    volatility,
    riskFreeRate,
    dividendYield: 0,
  });
  it("values the two tranches at 18.76 and 18.90 yuan, which reproduce the published 7,362.75万", () => {
    expect(blackScholesValue(inputs(1, 0.2042, 0.015))).toBeCloseTo(18.7646, 4);
    expect(fairValuePerShare(inputs(1, 0.2042, 0.015))).toBe("18.76");
    expect(fairValuePerShare(inputs(2, 0.1744, 0.021))).toBe("18.90");
  });
  it("spreads the cost as the notice's table: 2025 4,136.42, 2026 2,764.45, 2027 461.88 (万元)", () => {
    const t = (key: string, months: number, fairValue: string): ExpenseTranche => ({
      key,
      grantDate: "2025-04-17",
      serviceMonths: months,
      fairValue,
      shares: 1_955_059,
      forfeitures: [],
    });
    expect(table([t("1", 12, "18.76"), t("2", 24, "18.90")])).toEqual({
      total: "7362.75",
      years: [
        ["2025", "4136.42"],
        ["2026", "2764.45"],
        ["2027", "461.88"],
      ],
    });
  });
});

describe("安杰思 (688581), grant of 2025-06-17", () => {
  // 16,089 shares at 46.16; S = 64.47; σ 19.8311 % / 16.8633 %; r 1.50 % / 2.10 %; q 1.16 %; 50 % / 50 %.
  const fv1 = fairValuePerShare({
    sharePrice: 64.47,
    grantPrice: 46.16,
    years: 1,
    volatility: 0.198311,
    riskFreeRate: 0.015,
    dividendYield: 0.0116,
  });
  const fv2 = fairValuePerShare({
    sharePrice: 64.47,
    grantPrice: 46.16,
    years: 2,
    volatility: 0.168633,
    riskFreeRate: 0.021,
    dividendYield: 0.0116,
  });
  it("values the tranches at 18.45 and 19.11 yuan", () => {
    expect([fv1, fv2]).toEqual(["18.45", "19.11"]);
  });
  it("reproduces the table: total 30.22, 2025 13.14, 2026 13.87, 2027 3.20 (万元)", () => {
    // 50 % of 16,089: the first tranche floor(8,044.5) = 8,044, the last takes the remainder.
    const t = (key: string, months: number, fairValue: string, shares: number): ExpenseTranche => ({
      key,
      grantDate: "2025-06-17",
      serviceMonths: months,
      fairValue,
      shares,
      forfeitures: [],
    });
    expect(table([t("1", 12, fv1, 8044), t("2", 24, fv2, 8045)])).toEqual({
      total: "30.22",
      years: [
        ["2025", "13.14"],
        ["2026", "13.87"],
        ["2027", "3.20"],
      ],
    });
  });
});

describe("an at-the-money case: 老板电器 (002508) options of 2025-05-23, the same model", () => {
  // 6,080,000 options at 17.58; S = 20.01; 1 / 2 / 3 years; σ 28.8925 / 24.4868 / 22.4593 %; r 1.5 / 2.1 / 2.75 %; 30/30/40.
  it("reproduces the published total of 2,728.70万", () => {
    const terms: [number, number, number][] = [
      [1, 0.288925, 0.015],
      [2, 0.244868, 0.021],
      [3, 0.224593, 0.0275],
    ];
    const fvs = terms.map(([years, volatility, riskFreeRate]) =>
      fairValuePerShare({ sharePrice: 20.01, grantPrice: 17.58, years, volatility, riskFreeRate, dividendYield: 0 }),
    );
    expect(fvs).toEqual(["3.75", "4.41", "5.10"]);
    const shares = [1_824_000, 1_824_000, 2_432_000];
    const fen = fvs.reduce((s, fv, i) => s + Math.round(Number(fv) * 100) * shares[i]!, 0);
    expect(tenThousandYuanOfFen(fen)).toBe("2728.70");
  });
});
