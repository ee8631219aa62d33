import { describe, expect, it } from "vitest";
import { amountDue, paidShares } from "../../lib/domain/payment/amountDue";

describe("amountDue", () => {
  it("is shares × the adjusted price, exact, with 2 decimals", () => {
    // 3,000 × 19.68 = 59,040.00
    expect(amountDue(3000, "19.68")).toBe("59040.00");
    // 1,234 × 21.60 = 24,680 + 1,974.40 = 26,654.40
    expect(amountDue(1234, "21.60")).toBe("26654.40");
    expect(amountDue(0, "19.68")).toBe("0.00");
    // 123,456,789 × 19.68 = 2,469,135,780 − 123,456,789 × 0.32 (39,506,172.48) = 2,429,629,607.52:
    // a float product would not keep the fen at this size.
    expect(amountDue(123_456_789, "19.68")).toBe("2429629607.52");
  });

  it("rounds half-up to the fen once, at the end, never per share", () => {
    // 3 × 21.605 = 64.815 → 64.82 (per share first: 21.61 × 3 = 64.83; half-even would give 64.82 too,
    // so the next case tells half-up apart)
    expect(amountDue(3, "21.605")).toBe("64.82");
    // 1 × 21.605 = 21.605 → 21.61 half-up (half-even would keep 21.60)
    expect(amountDue(1, "21.6050")).toBe("21.61");
    // 7 × 12.3456 = 86.4192 → 86.42
    expect(amountDue(7, "12.3456")).toBe("86.42");
    // 3 × 10.0049 = 30.0147 → 30.01
    expect(amountDue(3, "10.0049")).toBe("30.01");
  });

  it("refuses a share count that is not a whole number and a price that is not positive with ≤ 4 decimals", () => {
    expect(() => amountDue(1.5, "19.68")).toThrow(RangeError);
    expect(() => amountDue(-1, "19.68")).toThrow(RangeError);
    expect(() => amountDue(Number.NaN, "19.68")).toThrow(RangeError);
    expect(() => amountDue(1, "0")).toThrow(RangeError);
    expect(() => amountDue(1, "-19.68")).toThrow(RangeError);
    expect(() => amountDue(1, "19.68001")).toThrow(RangeError);
    expect(() => amountDue(1, "1e2")).toThrow(RangeError);
    expect(() => amountDue(1, "")).toThrow(RangeError);
  });
});

describe("paidShares", () => {
  it("a partial payment buys the whole shares it covers and leaves a refund", () => {
    // 30,000.00 / 19.68 = 1,524.39… → 1,524 shares; 1,524 × 19.68 = 30,480 − 487.68 = 29,992.32;
    // refund 30,000.00 − 29,992.32 = 7.68; 3,000 − 1,524 = 1,476 waived (放弃)
    expect(paidShares("30000.00", "19.68", 3000)).toEqual({ shares: 1524, waived: 1476, refund: "7.68" });
  });

  it("the full amount buys every share; more than that is refunded, never more shares", () => {
    expect(paidShares("59040.00", "19.68", 3000)).toEqual({ shares: 3000, waived: 0, refund: "0.00" });
    // 60,000.00 − 59,040.00 = 960.00 back
    expect(paidShares("60000", "19.68", 3000)).toEqual({ shares: 3000, waived: 0, refund: "960.00" });
  });

  it("nothing paid, or less than one share, vests nothing", () => {
    expect(paidShares("0", "19.68", 3000)).toEqual({ shares: 0, waived: 3000, refund: "0.00" });
    expect(paidShares("19.67", "19.68", 1)).toEqual({ shares: 0, waived: 1, refund: "19.67" });
    expect(paidShares("19.68", "19.68", 1)).toEqual({ shares: 1, waived: 0, refund: "0.00" });
  });

  it("with a 4-decimal price, paying the rounded amount due buys every share", () => {
    // 3 × 10.0049 = 30.0147 → 30.01 due; 30.01 / 10.0049 = 2.9995…, yet 30.01 is the notice's amount
    expect(paidShares("30.01", "10.0049", 3)).toEqual({ shares: 3, waived: 0, refund: "0.00" });
    // 30.00 < 30.01: 2 shares, 2 × 10.0049 = 20.0098 → 20.01, refund 30.00 − 20.01 = 9.99
    expect(paidShares("30.00", "10.0049", 3)).toEqual({ shares: 2, waived: 1, refund: "9.99" });
  });

  it("refuses malformed amounts and share counts", () => {
    expect(() => paidShares("-1.00", "19.68", 1)).toThrow(RangeError);
    expect(() => paidShares("1.234", "19.68", 1)).toThrow(RangeError);
    expect(() => paidShares("1,000.00", "19.68", 1)).toThrow(RangeError);
    expect(() => paidShares("100", "19.68", 1.5)).toThrow(RangeError);
    expect(() => paidShares("100", "0", 1)).toThrow(RangeError);
  });
});
