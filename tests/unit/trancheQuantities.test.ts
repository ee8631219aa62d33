import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { isRuleError } from "../../lib/domain/errors";
import { parseTrancheRatios, splitTrancheQuantities } from "../../lib/domain/vesting/trancheQuantities";

function expectInvalidRatios(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(isRuleError(e, "INVALID_RATIOS")).toBe(true);
    return;
  }
  throw new Error("expected INVALID_RATIOS");
}

describe("splitTrancheQuantities", () => {
  it("33/33/34 of 800,000 = 264,000 / 264,000 / 272,000", () => {
    expect(splitTrancheQuantities(800_000, ["0.33", "0.33", "0.34"])).toEqual([264_000, 264_000, 272_000]);
  });

  it("33/33/34 of 1,001 = 330 / 330 / 341 (floors, remainder to the last)", () => {
    expect(splitTrancheQuantities(1_001, ["0.33", "0.33", "0.34"])).toEqual([330, 330, 341]);
  });

  it("handles 30/30/40, 40/30/30, 50/50, a single tranche and zero", () => {
    expect(splitTrancheQuantities(12_345, ["0.3", "0.3", "0.4"])).toEqual([3_703, 3_703, 4_939]);
    expect(splitTrancheQuantities(12_345, ["0.4", "0.3", "0.3"])).toEqual([4_938, 3_703, 3_704]);
    expect(splitTrancheQuantities(7, ["0.5", "0.5"])).toEqual([3, 4]);
    expect(splitTrancheQuantities(7, ["1"])).toEqual([7]);
    expect(splitTrancheQuantities(0, ["0.5", "0.5"])).toEqual([0, 0]);
  });

  it("is exact where binary floats are not (0.29 × 100 = 28.999…)", () => {
    expect(splitTrancheQuantities(100, ["0.29", "0.71"])).toEqual([29, 71]);
    expect(splitTrancheQuantities(1_000_000_000, ["0.333333333333", "0.666666666667"])).toEqual([
      333_333_333, 666_666_667,
    ]);
    // quantity × numerator leaves the safe-integer range (BigInt path); 9007199254740991 × 123456789 div 10^9.
    expect(splitTrancheQuantities(9_007_199_254_740_991, ["0.123456789", "0.876543211"])[0]).toBe(
      1_111_999_897_873_515,
    );
  });

  it("rejects ratios that do not sum to exactly 1, or fall outside (0, 1]", () => {
    expectInvalidRatios(() => splitTrancheQuantities(100, ["0.33", "0.33", "0.33"]));
    expectInvalidRatios(() => splitTrancheQuantities(100, ["0.5", "0.5", "0"]));
    expectInvalidRatios(() => splitTrancheQuantities(100, ["1.5", "-0.5"]));
    expectInvalidRatios(() => splitTrancheQuantities(100, ["1e-1", "0.9"]));
    expectInvalidRatios(() => splitTrancheQuantities(100, ["abc"]));
    expectInvalidRatios(() => splitTrancheQuantities(100, []));
    expect(() => parseTrancheRatios(["0.3", "0.3", "0.4"])).not.toThrow();
  });

  it("rejects non-integer or negative quantities", () => {
    expect(() => splitTrancheQuantities(10.5, ["1"])).toThrow(RangeError);
    expect(() => splitTrancheQuantities(-1, ["1"])).toThrow(RangeError);
  });

  it("property: tranches sum to the grant and match decimal.js floor(q × r)", () => {
    const ratioSets = [
      ["0.33", "0.33", "0.34"],
      ["0.3", "0.3", "0.4"],
      ["0.4", "0.3", "0.3"],
      ["0.25", "0.25", "0.25", "0.25"],
      ["0.2", "0.8"],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constantFrom(...ratioSets), (q, ratios) => {
        const parts = splitTrancheQuantities(q, ratios);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(q);
        for (let i = 0; i < ratios.length - 1; i++) {
          expect(parts[i]).toBe(new Decimal(q).times(ratios[i]!).floor().toNumber());
        }
        for (const p of parts) expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
      }),
    );
  });
});
