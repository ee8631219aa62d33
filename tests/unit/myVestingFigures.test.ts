import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  deadlineState,
  estimateBasis,
  finalTaxReason,
  finalTaxTotal,
  formatMoney,
  formatRate,
  groupThousands,
  parsePriceInput,
  samePrice,
} from "@/app/(portal)/vesting/figures";
import { Dec } from "@/lib/domain/numeric/decimal";

// The grantee's vesting page (issue #16): figures are regrouped from exact strings, never through floats.
describe("formatMoney", () => {
  it("writes yuan to the fen with grouping, ¥ in Chinese and CNY in English", () => {
    expect(formatMoney("59040.00", "zh-CN")).toBe("¥59,040.00");
    expect(formatMoney("59040.00", "en")).toBe("CNY 59,040.00");
    expect(formatMoney("0.00", "zh-CN")).toBe("¥0.00");
    expect(formatMoney("1234567.5", "zh-CN")).toBe("¥1,234,567.50");
    expect(formatMoney("999", "zh-CN")).toBe("¥999.00");
    expect(formatMoney("-12.30", "zh-CN")).toBe("¥-12.30");
    expect(formatMoney("007.10", "zh-CN")).toBe("¥7.10");
  });

  it("leaves what is not a decimal as it came", () => {
    expect(formatMoney("—", "zh-CN")).toBe("—");
    expect(formatMoney("1e5", "en")).toBe("1e5");
  });

  it("keeps every digit of large amounts (no float on the way)", () => {
    expect(formatMoney("12345678901234.56", "zh-CN")).toBe("¥12,345,678,901,234.56");
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => {
        const amount = new Dec(fen.toString()).div(100).toFixed(2);
        expect(formatMoney(amount, "en").slice(4).replaceAll(",", "")).toBe(amount);
      }),
    );
  });

  it("groups by thousands", () => {
    expect(groupThousands("1")).toBe("1");
    expect(groupThousands("1000")).toBe("1,000");
    expect(groupThousands("100000")).toBe("100,000");
  });
});

describe("formatRate", () => {
  it("reads the tax table's rates as percentages", () => {
    expect(formatRate("0.03")).toBe("3%");
    expect(formatRate("0.10")).toBe("10%");
    expect(formatRate("0.1")).toBe("10%");
    expect(formatRate("0.45")).toBe("45%");
    expect(formatRate("0.025")).toBe("2.5%");
    expect(formatRate("1")).toBe("100%");
    expect(formatRate("0")).toBe("0%");
  });
});

describe("parsePriceInput", () => {
  it("accepts what the API accepts: a positive decimal, at most 4 decimals and 8 digits", () => {
    expect(parsePriceInput("45.60")).toBe("45.60");
    expect(parsePriceInput(" 50 ")).toBe("50");
    expect(parsePriceInput("12.3456")).toBe("12.3456");
    expect(parsePriceInput("12345678")).toBe("12345678");
    expect(parsePriceInput("0.01")).toBe("0.01");
  });

  it("reads full-width digits and points and a ¥ or 元 around the number", () => {
    expect(parsePriceInput("４５．６")).toBe("45.6");
    expect(parsePriceInput("45。60")).toBe("45.60");
    expect(parsePriceInput("¥45.6")).toBe("45.6");
    expect(parsePriceInput("￥ 45.6")).toBe("45.6");
    expect(parsePriceInput("45.6元")).toBe("45.6");
  });

  it("refuses zero, negatives, too many decimals or digits, exponents and blanks", () => {
    for (const bad of ["", "  ", "0", "0.00", "-1", "12.34567", "123456789", "1e3", ".5", "5.", "45,60", "abc"])
      expect(parsePriceInput(bad), bad).toBeNull();
  });
});

describe("deadlineState", () => {
  it("counts calendar days to the inclusive deadline", () => {
    expect(deadlineState("2026-12-01", "2026-12-08")).toEqual({ kind: "ahead", days: 7 });
    expect(deadlineState("2026-12-07", "2026-12-08")).toEqual({ kind: "ahead", days: 1 });
    expect(deadlineState("2026-12-08", "2026-12-08")).toEqual({ kind: "today" });
    expect(deadlineState("2026-12-10", "2026-12-08")).toEqual({ kind: "passed", days: 2 });
    expect(deadlineState("2026-12-31", "2027-01-02")).toEqual({ kind: "ahead", days: 2 });
  });
});

describe("finalTaxTotal", () => {
  it("adds the stored tax of the lines exactly when every line was computed", () => {
    expect(
      finalTaxTotal([
        { taxStatus: "computed", tax: "1234.56" },
        { taxStatus: "computed", tax: "0.44" },
      ]),
    ).toBe("1235.00");
    expect(
      finalTaxTotal([
        { taxStatus: "computed", tax: "0.10" },
        { taxStatus: "computed", tax: "0.20" },
      ]),
    ).toBe("0.30");
    expect(finalTaxTotal([{ taxStatus: "computed", tax: "99999999999999.99" }])).toBe("99999999999999.99");
  });

  it("gives no total when a line has no figure, or there is no line", () => {
    expect(
      finalTaxTotal([
        { taxStatus: "computed", tax: "10.00" },
        { taxStatus: "no_price", tax: null },
      ]),
    ).toBeNull();
    expect(finalTaxTotal([{ taxStatus: "non_resident", tax: null }])).toBeNull();
    expect(finalTaxTotal([{ taxStatus: null, tax: null }])).toBeNull();
    expect(finalTaxTotal([])).toBeNull();
  });

  it("agrees with decimal arithmetic", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 8 }), (fens) => {
        const taxes = fens.map((f) => new Dec(f.toString()).div(100).toFixed(2));
        const expected = taxes.reduce((s, x) => s.plus(x), new Dec(0)).toFixed(2);
        expect(finalTaxTotal(taxes.map((tax) => ({ taxStatus: "computed", tax })))).toBe(expected);
      }),
    );
  });
});

describe("finalTaxReason", () => {
  it("names why a final line has no figure", () => {
    expect(finalTaxReason({ taxStatus: "computed", tax: "1.00" })).toBeNull();
    expect(finalTaxReason({ taxStatus: "non_resident", tax: null })).toBe("non_resident");
    expect(finalTaxReason({ taxStatus: "outside_separate_taxation", tax: null })).toBe("outside_separate_taxation");
    expect(finalTaxReason({ taxStatus: "no_price", tax: null })).toBe("no_price");
    expect(finalTaxReason({ taxStatus: null, tax: null })).toBe("no_price");
  });
});

describe("estimateBasis", () => {
  const latest = { tradeDate: "2026-11-20", close: "45.60" };
  it("says the estimate uses the latest close (with its date) when the price is that close", () => {
    expect(estimateBasis("45.60", latest)).toEqual({ kind: "latest", tradeDate: "2026-11-20", close: "45.60" });
    expect(estimateBasis("45.6", latest)).toEqual({ kind: "latest", tradeDate: "2026-11-20", close: "45.60" });
  });
  it("says another price is assumed, or that there is none", () => {
    expect(estimateBasis("50", latest)).toEqual({ kind: "assumed", price: "50" });
    expect(estimateBasis("50", null)).toEqual({ kind: "assumed", price: "50" });
    expect(estimateBasis(null, latest)).toEqual({ kind: "none" });
    expect(estimateBasis(null, null)).toEqual({ kind: "none" });
  });
  it("compares prices as numbers", () => {
    expect(samePrice("45.6", "45.6000")).toBe(true);
    expect(samePrice("045.60", "45.6")).toBe(true);
    expect(samePrice("50", "50.00")).toBe(true);
    expect(samePrice("45.6", "45.06")).toBe(false);
    expect(samePrice("4.56", "45.6")).toBe(false);
  });
});
