/**
 * Black–Scholes–Merton call value and the rounded fair value per share. The published grant notices are
 * pinned in shareBasedPaymentExamples.test.ts; here: a textbook value, no-arbitrage identities and bounds,
 * comparative statics, rounding and input validation.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { RuleError } from "@/lib/domain/errors";
import { blackScholesValue, fairValuePerShare, type FairValueInputs } from "@/lib/domain/expense/blackScholes";
import { standardNormalCdf } from "@/lib/domain/expense/normalCdf";

const base: FairValueInputs = {
  sharePrice: 42,
  grantPrice: 40,
  years: 0.5,
  volatility: 0.2,
  riskFreeRate: 0.1,
  dividendYield: 0,
};

/** The European put, from its own formula: P = K·e^(−rT)·Φ(−d2) − S·e^(−qT)·Φ(−d1). */
function putValue(i: FairValueInputs): number {
  const { sharePrice: S, grantPrice: K, years: T, volatility: v, riskFreeRate: r, dividendYield: q } = i;
  const d1 = (Math.log(S / K) + (r - q + (v * v) / 2) * T) / (v * Math.sqrt(T));
  const d2 = d1 - v * Math.sqrt(T);
  return K * Math.exp(-r * T) * standardNormalCdf(-d2) - S * Math.exp(-q * T) * standardNormalCdf(-d1);
}

/** Sensible ranges for equity incentive valuations (the engine accepts wider ones). */
const inputsArb = fc.record({
  sharePrice: fc.double({ min: 1, max: 500, noNaN: true }),
  grantPrice: fc.double({ min: 1, max: 500, noNaN: true }),
  years: fc.double({ min: 0.1, max: 5, noNaN: true }),
  volatility: fc.double({ min: 0.05, max: 1, noNaN: true }),
  riskFreeRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
  dividendYield: fc.double({ min: 0, max: 0.05, noNaN: true }),
});

/** Absolute slack for floating-point noise, proportional to the prices involved. */
const slack = (i: FairValueInputs) => 1e-10 * Math.max(i.sharePrice, i.grantPrice);

describe("blackScholesValue", () => {
  it("reproduces Hull's example (Options, Futures and Other Derivatives, ex. 15.6): c = 4.76, p = 0.81", () => {
    // d1 = (ln(42/40) + (0.10 + 0.02)·0.5) / (0.2·√0.5) = (0.04879 + 0.06) / 0.14142 = 0.7693
    // d2 = 0.7693 − 0.1414 = 0.6278; Φ(d1) = 0.7791, Φ(d2) = 0.7349; K·e^(−0.05) = 38.049
    // c = 42·0.7791 − 38.049·0.7349 = 32.72 − 27.96 = 4.76
    expect(Math.abs(blackScholesValue(base) - 4.76)).toBeLessThan(0.005);
    expect(Math.abs(putValue(base) - 0.81)).toBeLessThan(0.005);
    expect(fairValuePerShare(base)).toBe("4.76");
  });

  it("satisfies put–call parity C − P = S·e^(−qT) − K·e^(−rT)", () => {
    fc.assert(
      fc.property(inputsArb, (i) => {
        const forward = i.sharePrice * Math.exp(-i.dividendYield * i.years);
        const strike = i.grantPrice * Math.exp(-i.riskFreeRate * i.years);
        const lhs = blackScholesValue(i) - putValue(i);
        expect(Math.abs(lhs - (forward - strike))).toBeLessThanOrEqual(1e-8 * Math.max(forward, strike));
      }),
    );
  });

  it("lies between max(0, S·e^(−qT) − K·e^(−rT)) and S·e^(−qT)", () => {
    fc.assert(
      fc.property(inputsArb, (i) => {
        const c = blackScholesValue(i);
        const forward = i.sharePrice * Math.exp(-i.dividendYield * i.years);
        const strike = i.grantPrice * Math.exp(-i.riskFreeRate * i.years);
        expect(c).toBeGreaterThanOrEqual(Math.max(0, forward - strike) - slack(i));
        expect(c).toBeLessThanOrEqual(forward + slack(i));
      }),
    );
  });

  it("tends to the discounted intrinsic value as volatility vanishes", () => {
    // σ = 0.0001, S = 30, K = 10, r = 0: d1, d2 ≈ 11,000, so Φ = 1 and C = S − K = 20 exactly.
    expect(blackScholesValue({ ...base, sharePrice: 30, grantPrice: 10, volatility: 0.0001, riskFreeRate: 0 })).toBe(
      20,
    );
  });

  it("increases with the share price", () => {
    fc.assert(
      fc.property(inputsArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (i, bump) => {
        const higher = { ...i, sharePrice: i.sharePrice + bump };
        expect(blackScholesValue(higher)).toBeGreaterThanOrEqual(blackScholesValue(i) - slack(higher));
      }),
    );
  });

  it("decreases with the grant price", () => {
    fc.assert(
      fc.property(inputsArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (i, bump) => {
        const higher = { ...i, grantPrice: i.grantPrice + bump };
        expect(blackScholesValue(higher)).toBeLessThanOrEqual(blackScholesValue(i) + slack(higher));
      }),
    );
  });

  it("increases with volatility", () => {
    fc.assert(
      fc.property(inputsArb, fc.double({ min: 0.001, max: 1, noNaN: true }), (i, bump) => {
        const higher = { ...i, volatility: i.volatility + bump };
        expect(blackScholesValue(higher)).toBeGreaterThanOrEqual(blackScholesValue(i) - slack(i));
      }),
    );
  });

  it("increases with the term when there is no dividend", () => {
    fc.assert(
      fc.property(inputsArb, fc.double({ min: 0.01, max: 4, noNaN: true }), (i0, bump) => {
        const i = { ...i0, dividendYield: 0 };
        const longer = { ...i, years: i.years + bump };
        expect(blackScholesValue(longer)).toBeGreaterThanOrEqual(blackScholesValue(i) - slack(i));
      }),
    );
  });

  it("is strictly monotone in each input at an at-the-money point", () => {
    const c = blackScholesValue(base);
    expect(blackScholesValue({ ...base, sharePrice: 43 })).toBeGreaterThan(c);
    expect(blackScholesValue({ ...base, grantPrice: 41 })).toBeLessThan(c);
    expect(blackScholesValue({ ...base, volatility: 0.25 })).toBeGreaterThan(c);
    expect(blackScholesValue({ ...base, years: 1 })).toBeGreaterThan(c);
    expect(blackScholesValue({ ...base, dividendYield: 0.02 })).toBeLessThan(c);
  });
});

describe("fairValuePerShare", () => {
  // Half-way cases built so the raw value is exact in binary: with r = 0 and σ = 0.01 on a deep in-the-money
  // option, d1 and d2 are in the hundreds, Φ(d1) = Φ(d2) = 1 and C = S − K, computed without rounding error.
  it("rounds an exact half-fen up: 10.375 − 0.25 = 10.125 → 10.13 (half-even would give 10.12)", () => {
    const deep = { ...base, years: 1, volatility: 0.01, riskFreeRate: 0 };
    expect(blackScholesValue({ ...deep, sharePrice: 10.375, grantPrice: 0.25 })).toBe(10.125);
    expect(fairValuePerShare({ ...deep, sharePrice: 10.375, grantPrice: 0.25 })).toBe("10.13");
    // 4.625 − 0.5 = 4.125 → 4.13 (not 4.12); 2.5 − 0.125 = 2.375 → 2.38
    expect(fairValuePerShare({ ...deep, sharePrice: 4.625, grantPrice: 0.5 })).toBe("4.13");
    expect(fairValuePerShare({ ...deep, sharePrice: 2.5, grantPrice: 0.125 })).toBe("2.38");
    // Whole and one-decimal values keep two decimals: 30 − 10 = 20 → "20.00"; 10.5 − 0.25 = 10.25 → "10.25"
    expect(fairValuePerShare({ ...deep, sharePrice: 30, grantPrice: 10 })).toBe("20.00");
    expect(fairValuePerShare({ ...deep, sharePrice: 10.5, grantPrice: 0.25 })).toBe("10.25");
  });

  it("rounds 18.7646 down to 18.76 and Hull's 4.7594 up to 4.76", () => {
    // S = 23.70, K = 5.01, T = 1, σ = 20.42 %, r = 1.5 %: deep in the money, C ≈ S − K·e^(−0.015) = 23.70 − 4.9354 = 18.7646
    const sy = {
      sharePrice: 23.7,
      grantPrice: 5.01,
      years: 1,
      volatility: 0.2042,
      riskFreeRate: 0.015,
      dividendYield: 0,
    };
    expect(fairValuePerShare(sy)).toBe("18.76");
    expect(fairValuePerShare(base)).toBe("4.76");
  });

  it("is the raw value rounded half-up to the fen, with two decimals", () => {
    fc.assert(
      fc.property(inputsArb, (i) => {
        const raw = blackScholesValue(i);
        const fen = raw * 100;
        fc.pre(Math.abs(fen - Math.floor(fen) - 0.5) > 1e-6); // keep clear of the half-way boundary
        const expected = (Math.floor(fen + 0.5) / 100).toFixed(2);
        expect(fairValuePerShare(i)).toBe(expected);
        expect(fairValuePerShare(i)).toMatch(/^\d+\.\d{2}$/);
      }),
    );
  });
});

describe("input validation", () => {
  const invalid: [string, Partial<FairValueInputs>][] = [
    ["S = 0", { sharePrice: 0 }],
    ["S < 0", { sharePrice: -1 }],
    ["K = 0", { grantPrice: 0 }],
    ["K < 0", { grantPrice: -5 }],
    ["T = 0", { years: 0 }],
    ["T < 0", { years: -1 }],
    ["T > 10", { years: 10.01 }],
    ["σ = 0", { volatility: 0 }],
    ["σ < 0", { volatility: -0.2 }],
    ["σ > 5", { volatility: 5.01 }],
    ["q = 1", { dividendYield: 1 }],
    ["q < 0", { dividendYield: -0.01 }],
    ["r = 2", { riskFreeRate: 2 }],
    ["r < −10 %", { riskFreeRate: -0.11 }],
    ["S = NaN", { sharePrice: Number.NaN }],
    ["K = NaN", { grantPrice: Number.NaN }],
    ["T = NaN", { years: Number.NaN }],
    ["σ = NaN", { volatility: Number.NaN }],
    ["r = NaN", { riskFreeRate: Number.NaN }],
    ["q = NaN", { dividendYield: Number.NaN }],
  ];

  it.each(invalid)("rejects %s with INVALID_FAIR_VALUE_INPUTS", (_label, change) => {
    const inputs = { ...base, ...change };
    for (const f of [blackScholesValue, fairValuePerShare]) {
      let caught: unknown;
      try {
        f(inputs);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(RuleError);
      expect((caught as RuleError).code).toBe("INVALID_FAIR_VALUE_INPUTS");
      expect((caught as RuleError).details).toMatchObject({ problems: expect.any(Array) });
    }
  });

  it("lists every problem at once", () => {
    try {
      blackScholesValue({ ...base, sharePrice: 0, grantPrice: 0, volatility: 0 });
      expect.unreachable();
    } catch (e) {
      expect((e as RuleError).details.problems).toHaveLength(3);
    }
  });

  it("accepts the edges of the ranges: T = 10, σ = 5, r = −10 % and 100 %, q = 99 %", () => {
    for (const change of [
      { years: 10 },
      { volatility: 5 },
      { riskFreeRate: -0.1 },
      { riskFreeRate: 1 },
      { dividendYield: 0.99 },
    ]) {
      const c = blackScholesValue({ ...base, ...change });
      expect(Number.isFinite(c)).toBe(true);
      expect(c).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("infinite inputs", () => {
  it("are refused like any other out-of-range input", () => {
    const base = { sharePrice: 42, grantPrice: 40, years: 0.5, volatility: 0.2, riskFreeRate: 0.1, dividendYield: 0 };
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      expect(() => blackScholesValue({ ...base, [key]: Infinity }), key).toThrowError(
        expect.objectContaining({ code: "INVALID_FAIR_VALUE_INPUTS" }),
      );
    }
  });
});
