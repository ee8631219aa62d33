import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { isRuleError, type RuleCode } from "../../lib/domain/errors";
import {
  adjustPrice,
  adjustQuantity,
  applyCorporateAction,
  validateCorporateAction,
  type CorporateActionInput,
} from "../../lib/domain/adjustments/corporateActions";

const ex = "2025-06-11";

function expectRule(code: RuleCode, fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    expect(isRuleError(e, code), String(e)).toBe(true);
    return (e as { details: Record<string, unknown> }).details;
  }
  throw new Error(`expected ${code}`);
}

describe("adjustPrice / adjustQuantity", () => {
  it("cash dividend: P = P0 − V (45.86 − 0.60 = 45.26), quantity unchanged", () => {
    const a: CorporateActionInput = { type: "dividend", exDate: ex, v: "0.60" };
    expect(adjustPrice("45.86", a)).toBe("45.26");
    expect(adjustQuantity(800_000, a)).toBe(800_000);
    // A dividend with more decimals is rounded half-up to 0.01 yuan.
    expect(adjustPrice("45.86", { type: "dividend", exDate: ex, v: "0.125" })).toBe("45.74");
  });

  it("capitalisation / bonus / split: Q = Q0 × (1 + n), P = P0 ÷ (1 + n)", () => {
    for (const type of ["capitalisation", "bonus", "split"] as const) {
      const a: CorporateActionInput = { type, exDate: ex, n: "0.4" };
      expect(adjustQuantity(10_000, a)).toBe(14_000);
      expect(adjustPrice("14.00", a)).toBe("10.00");
    }
    const a: CorporateActionInput = { type: "capitalisation", exDate: ex, n: "0.3" };
    expect(adjustQuantity(1_001, a)).toBe(1_301); // 1301.3 rounded down
    expect(adjustPrice("10.00", a)).toBe("7.69"); // 7.6923…
  });

  it("rounds prices half-up on the exact decimal (10.01 ÷ 2 = 5.005 → 5.01; floats give 5.00)", () => {
    expect(adjustPrice("10.01", { type: "split", exDate: ex, n: "1" })).toBe("5.01");
    expect((10.01 / 2).toFixed(2)).toBe("5.00");
  });

  it("rights issue: Q = Q0 × P1 × (1 + n) ÷ (P1 + P2 × n), P = P0 × (P1 + P2 × n) ÷ [P1 × (1 + n)]", () => {
    const a: CorporateActionInput = { type: "rights", exDate: ex, n: "0.3", p1: "20", p2: "10" };
    expect(adjustQuantity(10_000, a)).toBe(11_304); // 260000 / 23 = 11304.35
    expect(adjustPrice("15.00", a)).toBe("13.27"); // 15 × 23 / 26 = 13.2692
  });

  it("consolidation: Q = Q0 × n, P = P0 ÷ n", () => {
    const a: CorporateActionInput = { type: "consolidation", exDate: ex, n: "0.5" };
    expect(adjustQuantity(1_001, a)).toBe(500);
    expect(adjustPrice("10.00", a)).toBe("20.00");
  });

  it("dividend with bonus shares: P = (P0 − V) ÷ (1 + n), Q = Q0 × (1 + n)", () => {
    const a: CorporateActionInput = { type: "dividend_bonus", exDate: ex, v: "0.5", n: "0.2" };
    expect(adjustPrice("20.00", a)).toBe("16.25");
    expect(adjustQuantity(1_005, a)).toBe(1_206);
  });

  it("additional issuance: no adjustment", () => {
    const a: CorporateActionInput = { type: "issuance", exDate: ex };
    expect(adjustQuantity(1_001, a)).toBe(1_001);
    expect(adjustPrice("12.34", a)).toBe("12.34");
  });
});

describe("applyCorporateAction", () => {
  it("returns quantity, price and no flags normally", () => {
    expect(
      applyCorporateAction({ quantity: 800_000, price: "45.86" }, { type: "dividend", exDate: ex, v: "0.60" }, "1"),
    ).toEqual({
      quantity: 800_000,
      price: "45.26",
      flags: [],
    });
  });

  it("flags a price at or below 1 yuan and refuses one below par", () => {
    expect(
      applyCorporateAction({ quantity: 1, price: "1.50" }, { type: "dividend", exDate: ex, v: "0.50" }, "1").flags,
    ).toEqual(["PRICE_AT_OR_BELOW_ONE_YUAN"]);
    expect(
      applyCorporateAction({ quantity: 1, price: "1.50" }, { type: "dividend", exDate: ex, v: "0.49" }, "1").flags,
    ).toEqual([]);
    const details = expectRule("PRICE_BELOW_PAR", () =>
      applyCorporateAction({ quantity: 1, price: "1.50" }, { type: "dividend", exDate: ex, v: "0.51" }, "1"),
    );
    expect(details).toMatchObject({ price: "0.99", parValue: "1", type: "dividend", exDate: ex });
    // With a 0.10 yuan par value the same result is allowed but flagged.
    expect(
      applyCorporateAction({ quantity: 1, price: "1.50" }, { type: "dividend", exDate: ex, v: "0.51" }, "0.10").flags,
    ).toEqual(["PRICE_AT_OR_BELOW_ONE_YUAN"]);
    expectRule("PRICE_BELOW_PAR", () =>
      applyCorporateAction({ quantity: 1, price: "1.50" }, { type: "dividend", exDate: ex, v: "2" }, "0.10"),
    );
    expect(() => applyCorporateAction({ quantity: 1, price: "1.50" }, { type: "issuance", exDate: ex }, "0")).toThrow(
      RangeError,
    );
  });
});

describe("validation", () => {
  it("throws INVALID_ADJUSTMENT for missing or out-of-range parameters", () => {
    const bad: CorporateActionInput[] = [
      { type: "capitalisation", exDate: ex },
      { type: "bonus", exDate: ex, n: "0" },
      { type: "split", exDate: ex, n: "-1" },
      { type: "split", exDate: ex, n: "1e-1" },
      { type: "consolidation", exDate: ex, n: "1" },
      { type: "consolidation", exDate: ex, n: "1.5" },
      { type: "consolidation", exDate: ex, n: "0" },
      { type: "rights", exDate: ex, n: "0.3", p1: "20" },
      { type: "rights", exDate: ex, n: "0.3", p1: "0", p2: "10" },
      { type: "dividend", exDate: ex, v: "0" },
      { type: "dividend", exDate: ex },
      { type: "dividend_bonus", exDate: ex, v: "0.5" },
      { type: "dividend", exDate: "2025-6-11", v: "0.5" },
      { type: "merger" as CorporateActionInput["type"], exDate: ex },
    ];
    for (const a of bad) expectRule("INVALID_ADJUSTMENT", () => validateCorporateAction(a));
    expect(
      expectRule("INVALID_ADJUSTMENT", () => adjustQuantity(100, { type: "bonus", exDate: ex, n: "0" })),
    ).toMatchObject({ field: "n", rule: "n > 0" });
  });

  it("rejects malformed quantities and prices with RangeError", () => {
    expect(() => adjustQuantity(1.5, { type: "issuance", exDate: ex })).toThrow(RangeError);
    expect(() => adjustPrice("abc", { type: "issuance", exDate: ex })).toThrow(RangeError);
  });
});

describe("properties", () => {
  const nArb = fc.integer({ min: 1, max: 30 }).map((k) => new Decimal(k).div(10).toFixed()); // 0.1 .. 3
  const priceArb = fc.integer({ min: 100, max: 50_000 }).map((c) => new Decimal(c).div(100).toFixed(2)); // 1.00 .. 500.00
  const qArb = fc.integer({ min: 0, max: 100_000_000 });

  it("a split preserves Q × P within rounding: |Q·P − Q0·P0| < P + 0.005·Q + 0.015", () => {
    // Q = Q0(1+n) − δ with 0 ≤ δ < 1 and P = P0/(1+n) + ε with |ε| ≤ 0.005, so
    // QP − Q0P0 = Q0(1+n)ε − δ·P0/(1+n) − δε, bounded by 0.005(Q+1) + (P+0.005) + 0.005.
    fc.assert(
      fc.property(qArb, priceArb, nArb, (q0, p0, n) => {
        const a: CorporateActionInput = { type: "split", exDate: ex, n };
        const q = adjustQuantity(q0, a);
        const p = adjustPrice(p0, a);
        const drift = new Decimal(q).times(p).minus(new Decimal(q0).times(p0)).abs();
        expect(drift.lt(new Decimal(p).plus(new Decimal(q).times("0.005")).plus("0.015"))).toBe(true);
      }),
    );
  });

  it("adjustments never produce a fractional share and prices always have two decimals", () => {
    const actionArb: fc.Arbitrary<CorporateActionInput> = fc.oneof(
      nArb.map((n) => ({ type: "capitalisation" as const, exDate: ex, n })),
      nArb.map((n) => ({ type: "bonus" as const, exDate: ex, n })),
      fc.integer({ min: 1, max: 9 }).map((k) => ({ type: "consolidation" as const, exDate: ex, n: `0.${k}` })),
      fc.tuple(nArb, priceArb, priceArb).map(([n, p1, p2]) => ({ type: "rights" as const, exDate: ex, n, p1, p2 })),
      fc
        .tuple(nArb, fc.integer({ min: 1, max: 99 }))
        .map(([n, v]) => ({ type: "dividend_bonus" as const, exDate: ex, n, v: `0.${String(v).padStart(2, "0")}` })),
      fc
        .integer({ min: 1, max: 99 })
        .map((v) => ({ type: "dividend" as const, exDate: ex, v: `0.${String(v).padStart(2, "0")}` })),
    );
    fc.assert(
      fc.property(qArb, priceArb, actionArb, (q0, p0, a) => {
        const q = adjustQuantity(q0, a);
        expect(Number.isSafeInteger(q) && q >= 0).toBe(true);
        expect(adjustPrice(p0, a)).toMatch(/^-?\d+\.\d{2}$/);
        if (a.type === "rights" || a.type === "capitalisation" || a.type === "bonus" || a.type === "dividend_bonus") {
          // The exact quantity is rounded down, never up.
          const exact =
            a.type === "rights"
              ? new Decimal(q0)
                  .times(a.p1!)
                  .times(new Decimal(a.n!).plus(1))
                  .div(new Decimal(a.p1!).plus(new Decimal(a.p2!).times(a.n!)))
              : new Decimal(q0).times(new Decimal(a.n!).plus(1));
          expect(q).toBe(exact.floor().toNumber());
        }
      }),
    );
  });
});
