import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { Dec, formatPrice, trimDecimal, tryParseDecimal } from "../../lib/domain/numeric/decimal";
import { floorTimesRatios, toExactFraction, toExactRatio } from "../../lib/domain/numeric/exactRatio";

describe("decimal helpers", () => {
  it("parses plain decimals only", () => {
    expect(tryParseDecimal("45.26")?.toFixed()).toBe("45.26");
    expect(tryParseDecimal("-1")?.toFixed()).toBe("-1");
    for (const bad of ["1e3", "Infinity", "NaN", " 1", "1.", ".5", "0x10", "", undefined, 1])
      expect(tryParseDecimal(bad), String(bad)).toBeNull();
  });

  it("formats prices half-up with two decimals", () => {
    expect(formatPrice(new Dec("5.005"))).toBe("5.01");
    expect(formatPrice(new Dec("5.0049999"))).toBe("5.00");
    expect(formatPrice(new Dec("7"))).toBe("7.00");
  });

  it("trims a stored numeric's scale and nothing else", () => {
    expect(trimDecimal("0.3300")).toBe("0.33");
    expect(trimDecimal("1.00000000")).toBe("1");
    expect(trimDecimal("45.26")).toBe("45.26");
    expect(trimDecimal("100")).toBe("100");
    expect(trimDecimal("-0.50")).toBe("-0.5");
  });
});

// The default decimal.js precision (20 digits) would round these products before the floor.
const Precise = Decimal.clone({ precision: 200 });

describe("exact ratios", () => {
  it("represents decimals as num / 10^k", () => {
    const r = toExactRatio("0.330", new Dec("0.330"));
    expect([r.num, r.den]).toEqual([33n, 100n]);
    expect(toExactRatio("1", new Dec("1")).den).toBe(1n);
    expect(() => toExactRatio("-0.1", new Dec("-0.1"))).toThrow(RangeError);
    const f = toExactFraction("x", new Dec("26"), new Dec("2.3"));
    expect([f.num, f.den]).toEqual([260n, 23n]);
  });

  it("property: floor(q × r1 × r2) equals decimal.js on both the number and BigInt paths", () => {
    const ratio = fc
      .tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 9, max: 12 }))
      .map(([m, k]) => new Decimal(m).div(new Decimal(10).pow(k)).toFixed());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), ratio, ratio, (q, a, b) => {
        const expected = new Precise(q).times(a).times(b).floor();
        const got = floorTimesRatios(q, toExactRatio(a, new Dec(a)), toExactRatio(b, new Dec(b)));
        expect(got).toBe(expected.toNumber());
      }),
    );
  });
});
