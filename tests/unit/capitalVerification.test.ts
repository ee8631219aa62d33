import { describe, expect, it } from "vitest";
import { isRuleError } from "../../lib/domain/errors";
import { Dec } from "../../lib/domain/numeric/decimal";
import {
  capitalVerificationSummary,
  type CapitalVerificationSummary,
  type PaidVestingLine,
} from "../../lib/domain/payment/capitalVerification";

/** The schedule ties out: the rows add up exactly to the totals, and capital + reserve = amount. */
function expectTiesOut(s: CapitalVerificationSummary) {
  const sum = (pick: (r: CapitalVerificationSummary["perPerson"][number]) => string) =>
    s.perPerson.reduce((acc, r) => acc.plus(pick(r)), new Dec(0)).toFixed(2);
  expect(s.perPerson.length).toBe(s.people);
  expect(s.perPerson.reduce((acc, r) => acc + r.shares, 0)).toBe(s.shares);
  expect(sum((r) => r.amount)).toBe(s.amount);
  expect(sum((r) => r.toShareCapital)).toBe(s.toShareCapital);
  expect(sum((r) => r.toCapitalReserve)).toBe(s.toCapitalReserve);
  expect(new Dec(s.toShareCapital).plus(s.toCapitalReserve).toFixed(2)).toBe(s.amount);
  for (const r of s.perPerson) expect(new Dec(r.toShareCapital).plus(r.toCapitalReserve).toFixed(2)).toBe(r.amount);
}

describe("capitalVerificationSummary", () => {
  it("splits the money into share capital (shares × par) and capital reserve", () => {
    const lines: PaidVestingLine[] = [
      // 3,000 × 19.68 = 59,040.00, paid in full
      { employeeNo: "E00123", name: "张三", shares: 3000, amount: "59040.00" },
      // paid 30,000.00 for 3,000: 1,524 shares vest, 1,524 × 19.68 = 29,992.32 (the 7.68 refund is not capital)
      { employeeNo: "E00456", name: "李四", shares: 1524, amount: "29992.32" },
      // paid nothing: every share waived, not in the schedule
      { employeeNo: "E00789", name: "王五", shares: 0, amount: "0.00" },
    ];
    const s = capitalVerificationSummary(lines, "1.00");
    // 3,000 + 1,524 = 4,524 shares; 59,040.00 + 29,992.32 = 89,032.32;
    // share capital 4,524 × 1.00 = 4,524.00; reserve 89,032.32 − 4,524.00 = 84,508.32
    expect(s).toEqual({
      people: 2,
      shares: 4524,
      amount: "89032.32",
      toShareCapital: "4524.00",
      toCapitalReserve: "84508.32",
      perPerson: [
        // 59,040.00 − 3,000.00 = 56,040.00
        {
          employeeNo: "E00123",
          name: "张三",
          shares: 3000,
          amount: "59040.00",
          toShareCapital: "3000.00",
          toCapitalReserve: "56040.00",
        },
        // 29,992.32 − 1,524.00 = 28,468.32; 56,040.00 + 28,468.32 = 84,508.32
        {
          employeeNo: "E00456",
          name: "李四",
          shares: 1524,
          amount: "29992.32",
          toShareCapital: "1524.00",
          toCapitalReserve: "28468.32",
        },
      ],
    });
    expectTiesOut(s);
  });

  it("adds a grantee's lines up into one row", () => {
    const s = capitalVerificationSummary(
      [
        { employeeNo: "E00123", name: "张三", shares: 3000, amount: "59040.00" },
        { employeeNo: "E00456", name: "李四", shares: 100, amount: "1968.00" },
        // a reserved grant's tranche: 1,234 × 21.60 = 26,654.40
        { employeeNo: "E00123", name: "张三", shares: 1234, amount: "26654.40" },
      ],
      "1.00",
    );
    // 张三: 4,234 shares, 85,694.40; reserve 85,694.40 − 4,234.00 = 81,460.40
    expect(s.perPerson[0]).toEqual({
      employeeNo: "E00123",
      name: "张三",
      shares: 4234,
      amount: "85694.40",
      toShareCapital: "4234.00",
      toCapitalReserve: "81460.40",
    });
    expect(s.people).toBe(2);
    // 85,694.40 + 1,968.00 = 87,662.40; capital 4,334.00; reserve 83,328.40
    expect([s.shares, s.amount, s.toShareCapital, s.toCapitalReserve]).toEqual([
      4334,
      "87662.40",
      "4334.00",
      "83328.40",
    ]);
    expectTiesOut(s);
  });

  it("with a par value finer than the fen, rounds the total once and gives the fen to the largest remainders", () => {
    const s = capitalVerificationSummary(
      [
        // exact parts at 0.0125: 0.0125 (floor 0.01, rest 0.0025), 0.0375 (0.03, 0.0075), 0.025 (0.02, 0.005)
        { employeeNo: "A", name: "甲", shares: 1, amount: "10.00" },
        { employeeNo: "B", name: "乙", shares: 3, amount: "30.00" },
        { employeeNo: "C", name: "丙", shares: 2, amount: "20.00" },
      ],
      "0.0125",
    );
    // total 6 × 0.0125 = 0.075 → 0.08; floors add to 0.06, the 2 fen left go to B (0.0075) and C (0.005)
    expect(s.toShareCapital).toBe("0.08");
    expect(s.perPerson.map((r) => r.toShareCapital)).toEqual(["0.01", "0.04", "0.03"]);
    expect(s.perPerson.map((r) => r.toCapitalReserve)).toEqual(["9.99", "29.96", "19.97"]);
    // 60.00 − 0.08 = 59.92 = 9.99 + 29.96 + 19.97
    expect(s.toCapitalReserve).toBe("59.92");
    expectTiesOut(s);
  });

  it("equal remainders: first appearance gets the fen", () => {
    // 3 × 0.0125 = 0.0375 → 0.04; floors 0.01 each, rests equal; 1 fen to the first
    const s = capitalVerificationSummary(
      ["A", "B", "C"].map((employeeNo) => ({ employeeNo, name: employeeNo, shares: 1, amount: "10.00" })),
      "0.0125",
    );
    expect(s.perPerson.map((r) => r.toShareCapital)).toEqual(["0.02", "0.01", "0.01"]);
    expectTiesOut(s);
  });

  it("ties out for many generated schedules", () => {
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (const par of ["1.00", "0.10", "0.0125", "0.3333"]) {
      for (let run = 0; run < 20; run++) {
        const lines: PaidVestingLine[] = Array.from({ length: 1 + next(30) }, () => {
          const shares = next(20_000);
          const price = new Dec(par).plus(next(5000)).plus(new Dec(next(100)).div(100));
          return {
            employeeNo: `E${next(15)}`,
            name: "x",
            shares,
            amount: new Dec(shares).times(price).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
          };
        });
        const s = capitalVerificationSummary(lines, par);
        expectTiesOut(s);
        expect(s.toShareCapital).toBe(new Dec(s.shares).times(par).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2));
      }
    }
  });

  it("an empty batch has nothing to verify", () => {
    expect(capitalVerificationSummary([], "1.00")).toEqual({
      people: 0,
      shares: 0,
      amount: "0.00",
      toShareCapital: "0.00",
      toCapitalReserve: "0.00",
      perPerson: [],
    });
  });

  it("refuses money that does not cover the shares at par (PRICE_BELOW_PAR)", () => {
    // 100 × 1.00 = 100.00 > 99.99
    let thrown: unknown;
    try {
      capitalVerificationSummary([{ employeeNo: "E1", name: "x", shares: 100, amount: "99.99" }], "1.00");
    } catch (e) {
      thrown = e;
    }
    expect(isRuleError(thrown, "PRICE_BELOW_PAR")).toBe(true);
    expect(
      capitalVerificationSummary([{ employeeNo: "E1", name: "x", shares: 100, amount: "100.00" }], "1.00")
        .toCapitalReserve,
    ).toBe("0.00");
  });

  it("refuses malformed input", () => {
    const ok = { employeeNo: "E1", name: "x", shares: 1, amount: "19.68" };
    expect(() => capitalVerificationSummary([ok], "0")).toThrow(RangeError);
    expect(() => capitalVerificationSummary([ok], "abc")).toThrow(RangeError);
    expect(() => capitalVerificationSummary([{ ...ok, shares: 1.5 }], "1.00")).toThrow(RangeError);
    expect(() => capitalVerificationSummary([{ ...ok, amount: "19.681" }], "1.00")).toThrow(RangeError);
    // money for no shares is a refund, not capital
    expect(() => capitalVerificationSummary([{ ...ok, shares: 0, amount: "5.00" }], "1.00")).toThrow(RangeError);
  });
});
