import fc from "fast-check";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { TradingCalendar } from "../../lib/domain/calendar/tradingCalendar";
import { prepareBlackouts } from "../../lib/domain/vesting/earliestVestingDate";
import { DEFAULT_GRADE_TABLE } from "../../lib/domain/vesting/appraisal";
import { deriveTranches } from "../../lib/domain/vesting/deriveTranches";
import { adjustQuantity, type CorporateActionInput } from "../../lib/domain/adjustments/corporateActions";
import { adjustUnvestedQuantities } from "../../lib/domain/adjustments/unvestedQuantities";

const ex = "2023-05-25";
const conversion3for10: CorporateActionInput = { type: "capitalisation", exDate: ex, n: "0.3" };

describe("adjustUnvestedQuantities: Q = floor(Q0 × factor) over the grant's unvested total", () => {
  it("8 unvested shares × 1.3 = 10 (per tranche it was 2 + 3 + 3 = 8: no extra share at all)", () => {
    expect(adjustUnvestedQuantities([2, 3, 3], conversion3for10)).toEqual([2, 3, 5]);
    expect([2, 3, 3].map((q) => adjustQuantity(q, conversion3for10))).toEqual([2, 3, 3]);
    expect(adjustUnvestedQuantities([8], conversion3for10)).toEqual([10]);
  });

  it("splits in proportion to the planned quantities, the last unvested tranche taking the remainder", () => {
    // 536,000 × 1.4 = 750,400: 264,000 → 369,600 exactly, the rest to the last.
    expect(adjustUnvestedQuantities([264_000, 272_000], { type: "capitalisation", exDate: ex, n: "0.4" })).toEqual([
      369_600, 380_800,
    ]);
    // Consolidation 1 into 0.5: 1,001 → 500 (floor 500.5); 333 → floor(500 × 333 / 1001) = 166.
    expect(adjustUnvestedQuantities([333, 334, 334], { type: "consolidation", exDate: ex, n: "0.5" })).toEqual([
      166, 166, 168,
    ]);
    // Rights issue: 10,000 × 20 × 1.3 ÷ 23 = 11,304.35 → 11,304.
    expect(
      adjustUnvestedQuantities([3_000, 3_000, 4_000], { type: "rights", exDate: ex, n: "0.3", p1: "20", p2: "10" }),
    ).toEqual([3_391, 3_391, 4_522]);
  });

  it("leaves quantities alone for a dividend or an issuance, and handles nothing or zero unvested", () => {
    expect(adjustUnvestedQuantities([5, 7], { type: "dividend", exDate: ex, v: "0.5" })).toEqual([5, 7]);
    expect(adjustUnvestedQuantities([5, 7], { type: "issuance", exDate: ex })).toEqual([5, 7]);
    expect(adjustUnvestedQuantities([], conversion3for10)).toEqual([]);
    expect(adjustUnvestedQuantities([0, 0], conversion3for10)).toEqual([0, 0]);
    expect(adjustUnvestedQuantities([0, 3], conversion3for10)).toEqual([0, 3]);
    expect(adjustUnvestedQuantities([3, 0], conversion3for10)).toEqual([3, 0]);
  });

  it("rejects malformed quantities with RangeError", () => {
    expect(() => adjustUnvestedQuantities([1.5], conversion3for10)).toThrow(RangeError);
    expect(() => adjustUnvestedQuantities([-1], conversion3for10)).toThrow(RangeError);
  });

  it("property: the tranches always sum to floor(total × factor), none negative, none above its exact share", () => {
    const actionArb: fc.Arbitrary<CorporateActionInput> = fc.oneof(
      fc.integer({ min: 1, max: 300 }).map((k) => ({
        type: "capitalisation" as const,
        exDate: ex,
        n: new Decimal(k).div(100).toFixed(),
      })),
      fc.integer({ min: 1, max: 99 }).map((k) => ({ type: "consolidation" as const, exDate: ex, n: `0.${k}` })),
      fc.integer({ min: 1, max: 90 }).map((k) => ({ type: "split" as const, exDate: ex, n: String(k / 10) })),
      fc
        .tuple(
          fc.integer({ min: 1, max: 10 }),
          fc.integer({ min: 100, max: 5000 }),
          fc.integer({ min: 100, max: 5000 }),
        )
        .map(([k, p1, p2]) => ({
          type: "rights" as const,
          exDate: ex,
          n: `0.${k}`.replace("0.10", "1"),
          p1: new Decimal(p1).div(100).toFixed(),
          p2: new Decimal(p2).div(100).toFixed(),
        })),
    );
    const plannedArb = fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(plannedArb, actionArb, (planned, a) => {
        const total = planned.reduce((s, q) => s + q, 0);
        const out = adjustUnvestedQuantities(planned, a);
        expect(out).toHaveLength(planned.length);
        expect(out.reduce((s, q) => s + q, 0)).toBe(adjustQuantity(total, a));
        for (const q of out) expect(Number.isSafeInteger(q) && q >= 0).toBe(true);
        // Every tranche but the last gets its proportional share rounded down.
        const after = adjustQuantity(total, a);
        for (let i = 0; i < out.length - 1; i++)
          // In BigInt: after × planned can pass 2^53, where a float product would round.
          expect(out[i]).toBe(total === 0 ? 0 : Number((BigInt(after) * BigInt(planned[i]!)) / BigInt(total)));
      }),
    );
  });

  it("is exact beyond 2^53 in the intermediate product", () => {
    const big = 4_000_000_000_000;
    const out = adjustUnvestedQuantities([big, big + 1], conversion3for10);
    expect(out[0]).toBe(Number((BigInt(10_400_000_000_001) * BigInt(big)) / BigInt(2 * big + 1)));
    expect(out[0]! + out[1]!).toBe(10_400_000_000_001);
  });
});

describe("deriveTranches adjusts the unvested total once", () => {
  const base = {
    tranches: [
      { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
      { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
      { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
    ],
    appraisals: [],
    vestings: [],
    leaveDate: null,
    gradeTable: DEFAULT_GRADE_TABLE,
    blackouts: prepareBlackouts([]),
    calendar: TradingCalendar.sse(),
    validityEnd: "2026-06-01",
  };

  it("a grant of 8 shares under a 3-for-10 conversion holds 10 (2 + 2 + 4 → 2 + 2 + 6)", () => {
    const r = deriveTranches({
      ...base,
      grant: { id: "g8", grantDate: "2021-06-02", quantity: 8, grantPrice: "13.00" },
      adjustments: [conversion3for10],
      asOf: "2023-07-01",
    });
    expect(r.quantity).toBe(10);
    expect(r.tranches.map((t) => t.plannedQuantity)).toEqual([2, 2, 6]);
    expect(r.adjustmentHistory[0]).toMatchObject({ quantityBefore: 8, quantityAfter: 10, priceAfter: "10.00" });
  });

  it("a tranche vested before the ex-date stays out of the total", () => {
    const r = deriveTranches({
      ...base,
      grant: { id: "g11", grantDate: "2021-06-02", quantity: 11, grantPrice: "13.00" },
      vestings: [{ trancheIndex: 1, vestingDate: "2022-07-15" }],
      adjustments: [conversion3for10],
      asOf: "2023-07-01",
    });
    // 11 → 3 / 3 / 5; unvested 8 → 10 split 3 : 5 → floor(3.75) = 3 and 7.
    expect(r.tranches.map((t) => t.plannedQuantity)).toEqual([3, 3, 7]);
    expect(r.adjustmentHistory[0]).toMatchObject({ quantityBefore: 11, quantityAfter: 13 });
  });
});
