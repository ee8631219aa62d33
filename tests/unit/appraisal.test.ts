import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { isRuleError } from "../../lib/domain/errors";
import { DEFAULT_GRADE_TABLE, individualRatio, vestedQuantity } from "../../lib/domain/vesting/appraisal";

function expectInvalidRatios(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(isRuleError(e, "INVALID_RATIOS")).toBe(true);
    return;
  }
  throw new Error("expected INVALID_RATIOS");
}

describe("grade table", () => {
  it("defaults to A/B 100 %, C 80 %, D 0 %", () => {
    expect(DEFAULT_GRADE_TABLE).toEqual({ A: "1", B: "1", C: "0.8", D: "0" });
    expect(individualRatio(DEFAULT_GRADE_TABLE, "C")).toBe("0.8");
    expect(individualRatio({ 优秀: "1", 合格: "0.7" }, "合格")).toBe("0.7");
  });

  it("rejects unknown grades (including inherited object keys) and invalid table entries", () => {
    expectInvalidRatios(() => individualRatio(DEFAULT_GRADE_TABLE, "E"));
    expectInvalidRatios(() => individualRatio(DEFAULT_GRADE_TABLE, "toString"));
    expectInvalidRatios(() => individualRatio({ A: "1.2" }, "A"));
  });
});

describe("vestedQuantity", () => {
  it("floors planned × company × individual and voids the rest", () => {
    expect(vestedQuantity(264_000, "1", "0.8")).toEqual({ vested: 211_200, lapsed: 52_800 });
    expect(vestedQuantity(1_001, "0.9", "0.8")).toEqual({ vested: 720, lapsed: 281 });
    expect(vestedQuantity(1_001, "1", "1")).toEqual({ vested: 1_001, lapsed: 0 });
    expect(vestedQuantity(1_001, "0", "1")).toEqual({ vested: 0, lapsed: 1_001 });
    expect(vestedQuantity(0, "1", "1")).toEqual({ vested: 0, lapsed: 0 });
  });

  it("is exact where binary floats round down wrongly (100 × 0.57 = 56.999… in floats)", () => {
    expect(vestedQuantity(100, "0.57", "1")).toEqual({ vested: 57, lapsed: 43 });
    expect(vestedQuantity(1_000, "0.7", "0.3")).toEqual({ vested: 210, lapsed: 790 });
  });

  it("rejects ratios outside [0, 1] and malformed input", () => {
    expectInvalidRatios(() => vestedQuantity(100, "1.01", "1"));
    expectInvalidRatios(() => vestedQuantity(100, "1", "-0.1"));
    expectInvalidRatios(() => vestedQuantity(100, "80%", "1"));
    expect(() => vestedQuantity(10.5, "1", "1")).toThrow(RangeError);
  });

  it("property: vested + lapsed = planned and vested matches decimal.js", () => {
    const ratio = fc.integer({ min: 0, max: 10_000 }).map((k) => new Decimal(k).div(10_000).toFixed());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000_000 }), ratio, ratio, (planned, c, i) => {
        const r = vestedQuantity(planned, c, i);
        expect(r.vested + r.lapsed).toBe(planned);
        expect(r.vested).toBe(new Decimal(planned).times(c).times(i).floor().toNumber());
        expect(r.vested).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(r.lapsed)).toBe(true);
      }),
    );
  });
});
