/**
 * Φ, the standard normal distribution function. Reference values are the usual table values at full double
 * precision (Φ(x) = erfc(−x/√2)/2, evaluated independently, e.g. with mpmath at 30 digits):
 *   Φ(1)     = 0.841344746068542948585...
 *   Φ(−1.96) = 0.024997895148220435...
 *   Φ(3)     = 0.998650101968369896...
 *   Φ(−8)    = 6.22096057427178e-16 (the far tail: only a relative comparison makes sense there)
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { standardNormalCdf } from "@/lib/domain/expense/normalCdf";

const relErr = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("standardNormalCdf at known points", () => {
  it("is exactly 1/2 at 0", () => {
    expect(standardNormalCdf(0)).toBe(0.5);
  });

  it("matches the table values to about one unit in the last place", () => {
    expect(Math.abs(standardNormalCdf(1) - 0.8413447460685429)).toBeLessThan(2e-16);
    expect(Math.abs(standardNormalCdf(-1) - (1 - 0.8413447460685429))).toBeLessThan(2e-16);
    expect(Math.abs(standardNormalCdf(-1.96) - 0.024997895148220435)).toBeLessThan(1e-17);
    expect(Math.abs(standardNormalCdf(1.96) - 0.9750021048517795)).toBeLessThan(2e-16);
    expect(Math.abs(standardNormalCdf(3) - 0.9986501019683699)).toBeLessThan(2e-16);
  });

  it("keeps its relative accuracy deep in the lower tail", () => {
    expect(relErr(standardNormalCdf(-8), 6.22096057427178e-16)).toBeLessThan(1e-12);
    // Φ(−5) = 2.866515718791939e-7
    expect(relErr(standardNormalCdf(-5), 2.866515718791939e-7)).toBeLessThan(1e-12);
  });

  it("saturates at 0 and 1 and propagates NaN", () => {
    expect(standardNormalCdf(-Infinity)).toBe(0);
    expect(standardNormalCdf(Infinity)).toBe(1);
    expect(standardNormalCdf(40)).toBe(1);
    expect(standardNormalCdf(-40)).toBeLessThan(1e-300);
    expect(standardNormalCdf(Number.NaN)).toBeNaN();
  });
});

describe("standardNormalCdf properties", () => {
  it("is symmetric: Φ(x) + Φ(−x) = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(Math.abs(standardNormalCdf(x) + standardNormalCdf(-x) - 1)).toBeLessThan(1e-15);
      }),
    );
  });

  it("is a distribution function: within [0, 1] and non-decreasing", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (x, h) => {
          const a = standardNormalCdf(x);
          const b = standardNormalCdf(x + h);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
});
