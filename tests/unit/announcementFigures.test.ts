import { describe, expect, it } from "vitest";
import { isRuleError } from "../../lib/domain/errors";
import {
  adjustmentFigures,
  conditionsFigures,
  lapseFigures,
  resultFigures,
  type ConditionsPeriodInput,
  type EligibleLineInput,
  type VestedLineInput,
} from "../../lib/domain/vesting/announcementFigures";

const first: ConditionsPeriodInput = {
  grantBatchId: "gb-first",
  grantBatchKind: "first",
  grantDate: "2024-05-20",
  categoryId: "cat-core",
  categoryLabel: "核心技术人员及骨干员工",
  trancheIndex: 1,
  companyRatio: "1.0000",
};
const reserved: ConditionsPeriodInput = {
  grantBatchId: "gb-reserved",
  grantBatchKind: "reserved",
  grantDate: "2024-11-15",
  categoryId: "cat-core",
  categoryLabel: "核心技术人员及骨干员工",
  trancheIndex: 1,
  companyRatio: "0.8000",
};
const line = (personId: string, period: ConditionsPeriodInput, shares: number, adjustedPrice: string) =>
  ({
    personId,
    grantBatchId: period.grantBatchId,
    categoryId: period.categoryId,
    trancheIndex: 1,
    shares,
    adjustedPrice,
  }) satisfies EligibleLineInput;

describe("conditionsFigures", () => {
  it("counts people and shares per period, first grants first, and each person once in the total", () => {
    const f = conditionsFigures(
      // Reserved listed first on purpose: the announcement still puts the first grant first.
      [reserved, first],
      [
        line("p1", first, 3000, "19.68"),
        line("p2", first, 3000, "19.68"),
        line("p3", first, 2000, "19.68"),
        line("p2", reserved, 500, "20.10"),
        // Failed the appraisal outright: 0 shares, not eligible.
        line("p4", reserved, 0, "20.10"),
      ],
    );
    expect(f.periods.map((p) => [p.grantBatchKind, p.people, p.shares, p.adjustedPrices])).toEqual([
      // 3,000 + 3,000 + 2,000 = 8,000 shares, 3 people
      ["first", 3, 8000, ["19.68"]],
      // p2's 500; p4 has none
      ["reserved", 1, 500, ["20.10"]],
    ]);
    expect(f.periods[1]!.companyRatio).toBe("0.8000");
    // p1, p2, p3 (p2 once although in both periods); 8,000 + 500 = 8,500
    expect(f.totals).toEqual({ people: 3, shares: 8500 });
  });

  it("refuses a line outside the batch's periods and a period listed twice", () => {
    expect(() => conditionsFigures([first], [line("p1", reserved, 10, "20.10")])).toThrow(RangeError);
    expect(() => conditionsFigures([first, first], [])).toThrow(RangeError);
    expect(() => conditionsFigures([first], [line("p1", first, 1.5, "19.68")])).toThrow(RangeError);
  });
});

describe("lapseFigures", () => {
  it("adds lapsed shares up by reason, leavers first, and counts a person once in the total", () => {
    const f = lapseFigures([
      { reason: "waived", shares: 1476, personId: "p2" },
      { reason: "waived", shares: 2000, personId: "p3" },
      { reason: "appraisal", shares: 600, personId: "p4" },
      { reason: "appraisal", shares: 300, personId: "p2" },
      // Two leavers reported as one aggregate
      { reason: "left", shares: 1200, people: 2 },
      { reason: "left", shares: 0, personId: "p9" },
    ]);
    expect(f.byReason).toEqual([
      { reason: "left", people: 2, shares: 1200 },
      // 600 + 300
      { reason: "appraisal", people: 2, shares: 900 },
      // 1,476 + 2,000
      { reason: "waived", people: 2, shares: 3476 },
    ]);
    // people: 2 leavers + p2, p3, p4 = 5 (p2 under two reasons once; p9 lapsed nothing);
    // shares: 1,200 + 900 + 3,476 = 5,576
    expect(f.totals).toEqual({ people: 5, shares: 5576 });
  });

  it("keeps unknown reasons after the known ones, in order of appearance", () => {
    const f = lapseFigures([
      { reason: "deceased", shares: 10 },
      { reason: "voided", shares: 20, people: 3 },
    ]);
    expect(f.byReason.map((r) => r.reason)).toEqual(["voided", "deceased"]);
    expect(f.totals).toEqual({ people: 4, shares: 30 });
  });
});

const vested = (
  over: Partial<VestedLineInput> & Pick<VestedLineInput, "personId" | "paidShares">,
): VestedLineInput => ({
  employeeNo: over.personId.toUpperCase(),
  name: over.personId,
  isDirector: false,
  isSeniorManager: false,
  adjustedPrice: "19.68",
  ...over,
});

describe("resultFigures", () => {
  const lines = [
    // Paid in full: 3,000 × 19.68 = 59,040.00
    vested({ personId: "p1", name: "张三", paidShares: 3000, isDirector: true, isSeniorManager: true }),
    // Paid 30,000.00: 1,524 shares (29,992.32), refund 7.68
    vested({ personId: "p2", name: "李四", paidShares: 1524, isSeniorManager: true }),
    // Never paid
    vested({ personId: "p3", name: "王五", paidShares: 0, isDirector: true }),
  ];

  it("gives people, shares, the share-capital change and the money split as the 验资 report books it", () => {
    const f = resultFigures({
      lines,
      shareSource: "new_issue",
      parValue: "1.00",
      registrationDate: "2025-06-16",
      listingDate: "2025-06-20",
      shareCapitalBefore: 120_000_000,
    });
    expect(f.people).toBe(2);
    // 3,000 + 1,524
    expect(f.shares).toBe(4524);
    expect(f.shareCapital).toEqual({ before: 120_000_000, change: 4524, after: 120_004_524 });
    // 59,040.00 + 29,992.32 = 89,032.32; 4,524 × 1.00 = 4,524.00; 89,032.32 − 4,524.00 = 84,508.32
    expect(f.payment).toEqual({ amount: "89032.32", toShareCapital: "4524.00", toCapitalReserve: "84508.32" });
    // 王五 is a director but vests nothing: not listed
    expect(f.directorsAndOfficers).toEqual([
      { personId: "p1", name: "张三", isDirector: true, isSeniorManager: true, shares: 3000 },
      { personId: "p2", name: "李四", isDirector: false, isSeniorManager: true, shares: 1524 },
    ]);
    expect(f.directorsAndOfficersShares).toBe(4524);
    expect(f.listingDate).toBe("2025-06-20");
  });

  it("adds a director's lines up and leaves the share capital unchanged for bought-back shares", () => {
    const f = resultFigures({
      lines: [
        ...lines,
        vested({ personId: "p1", name: "张三", paidShares: 500, isDirector: true, adjustedPrice: "20.10" }),
      ],
      shareSource: "buyback",
      parValue: "1.00",
      registrationDate: "2025-06-16",
      listingDate: null,
      shareCapitalBefore: 120_000_000,
    });
    expect(f.people).toBe(2);
    expect(f.shares).toBe(5024);
    expect(f.shareCapital).toEqual({ before: 120_000_000, change: 0, after: 120_000_000 });
    // 89,032.32 + 500 × 20.10 = 89,032.32 + 10,050.00 = 99,082.32; nothing booked to share capital
    expect(f.payment).toEqual({ amount: "99082.32", toShareCapital: null, toCapitalReserve: null });
    expect(f.directorsAndOfficers[0]!.shares).toBe(3500);
  });

  it("leaves the share-capital table out when the total before is unknown, and refuses a price below par", () => {
    const base = { shareSource: "new_issue", registrationDate: "2025-06-16", listingDate: null } as const;
    expect(resultFigures({ ...base, lines, parValue: "1.00", shareCapitalBefore: null }).shareCapital).toBeNull();
    let error: unknown;
    try {
      resultFigures({
        ...base,
        lines: [vested({ personId: "p1", paidShares: 10, adjustedPrice: "0.50" })],
        parValue: "1.00",
        shareCapitalBefore: null,
      });
    } catch (e) {
      error = e;
    }
    expect(isRuleError(error) && error.code).toBe("PRICE_BELOW_PAR");
  });
});

describe("adjustmentFigures", () => {
  it("passes the adjusted price and quantity through with the changes and totals", () => {
    const f = adjustmentFigures([
      // 每10股转增4股 (n = 0.4): Q = 8,000 × 1.4 = 11,200; P = 19.68 ÷ 1.4 = 14.0571… → 14.06
      {
        grantBatchKind: "first",
        grantDate: "2024-05-20",
        actionKind: "capitalisation",
        exDate: "2025-07-10",
        before: { price: "19.68", quantity: 8000 },
        after: { price: "14.06", quantity: 11200 },
      },
      // 500 × 1.4 = 700; 20.10 ÷ 1.4 = 14.357… → 14.36
      {
        grantBatchKind: "reserved",
        grantDate: "2024-11-15",
        actionKind: "capitalisation",
        exDate: "2025-07-10",
        before: { price: "20.10", quantity: 500 },
        after: { price: "14.36", quantity: 700 },
      },
    ]);
    expect(f.rows.map((r) => [r.priceChange, r.quantityChange])).toEqual([
      ["-5.62", 3200],
      ["-5.74", 200],
    ]);
    expect(f.totals).toEqual({ quantityBefore: 8500, quantityAfter: 11900, quantityChange: 3400 });
    expect([f.priceChanged, f.quantityChanged]).toEqual([true, true]);
  });

  it("says a dividend changes the price only, and keeps a 4-decimal price's places", () => {
    const f = adjustmentFigures([
      {
        grantBatchKind: "first",
        grantDate: "2024-05-20",
        actionKind: "dividend",
        exDate: "2025-07-10",
        before: { price: "19.68", quantity: 8000 },
        after: { price: "19.3755", quantity: 8000 },
      },
    ]);
    expect(f.rows[0]!.priceChange).toBe("-0.3045");
    expect([f.priceChanged, f.quantityChanged]).toEqual([true, false]);
    expect(() => adjustmentFigures([{ ...f.rows[0]!, after: { price: "0", quantity: 8000 } }])).toThrow(RangeError);
  });
});
