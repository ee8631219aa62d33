import { describe, expect, it } from "vitest";
import { ruleMessages, withDetails } from "../../lib/domain/errors";
import {
  checkLargeRatio,
  entryFromN,
  multipliesQuantitiesByMoreThanTwo,
  nFromEntry,
  quantityFactorText,
  ratioEntryKind,
  ratioText,
} from "../../lib/domain/adjustments/ratioEntry";

const ex = "2026-06-01";

describe("ratio entry in the announcement's words", () => {
  it("每10股转增4股: 4 per 10 shares is n = 0.4, ratio 1 : 1.4", () => {
    expect(ratioEntryKind("capitalisation")).toBe("perTen");
    expect(nFromEntry("capitalisation", "4")).toBe("0.4");
    expect(nFromEntry("bonus", "3")).toBe("0.3");
    expect(nFromEntry("dividend_bonus", "2.5")).toBe("0.25");
    expect(ratioText(quantityFactorText({ type: "capitalisation", n: "0.4" })!)).toBe("1 : 1.4");
    expect(entryFromN("capitalisation", "0.4")).toBe("4");
  });

  it("split and consolidation: 1 share into N", () => {
    expect(ratioEntryKind("split")).toBe("oneInto");
    expect(nFromEntry("split", "2")).toBe("1");
    expect(nFromEntry("split", "10")).toBe("9");
    expect(nFromEntry("split", "1")).toBeNull();
    expect(nFromEntry("consolidation", "0.5")).toBe("0.5");
    expect(quantityFactorText({ type: "split", n: "9" })).toBe("10");
    expect(quantityFactorText({ type: "consolidation", n: "0.5" })).toBe("0.5");
    expect(entryFromN("split", "1")).toBe("2");
  });

  it("rights n is per share as entered; dividends and issuances have none", () => {
    expect(nFromEntry("rights", "0.3")).toBe("0.3");
    expect(quantityFactorText({ type: "rights", n: "0.3", p1: "20", p2: "10" })).toBe("1.1304");
    expect(quantityFactorText({ type: "rights", n: "0.3" })).toBeNull();
    expect(ratioEntryKind("dividend")).toBeNull();
    expect(nFromEntry("dividend", "1")).toBeNull();
    expect(quantityFactorText({ type: "issuance" })).toBeNull();
  });

  it("refuses blanks, zero, negatives and exponents", () => {
    for (const bad of ["", "0", "-4", "1e1", "abc"]) expect(nFromEntry("bonus", bad), bad).toBeNull();
  });

  it("warns above × 2, for any type that multiplies quantities", () => {
    expect(multipliesQuantitiesByMoreThanTwo({ type: "capitalisation", n: "4" })).toBe(true);
    expect(multipliesQuantitiesByMoreThanTwo({ type: "capitalisation", n: "1" })).toBe(false);
    expect(multipliesQuantitiesByMoreThanTwo({ type: "split", n: "9" })).toBe(true);
    expect(multipliesQuantitiesByMoreThanTwo({ type: "consolidation", n: "0.5" })).toBe(false);
    expect(multipliesQuantitiesByMoreThanTwo({ type: "dividend" })).toBe(false);
  });
});

describe("checkLargeRatio", () => {
  it("refuses n > 1 for a conversion or bonus issue unless confirmed, naming the resulting ratio", () => {
    const [v] = checkLargeRatio({ type: "capitalisation", exDate: ex, n: "4" }, false);
    expect(v).toMatchObject({
      code: "LARGE_RATIO_UNCONFIRMED",
      details: { n: "4", factor: "5", ratio: "1 : 5", perTen: "40", intendedN: "0.4" },
    });
    expect(v!.message).toContain("1 : 5");
    expect(withDetails(ruleMessages.LARGE_RATIO_UNCONFIRMED.zh, v!.details)).toContain("1 : 5");
    expect(checkLargeRatio({ type: "capitalisation", exDate: ex, n: "4" }, true)).toEqual([]);
    expect(checkLargeRatio({ type: "bonus", exDate: ex, n: "1.5" }, false)).toHaveLength(1);
    expect(checkLargeRatio({ type: "dividend_bonus", exDate: ex, n: "2", v: "0.1" }, false)).toHaveLength(1);
  });

  it("allows n ≤ 1, splits of any size and the other types", () => {
    expect(checkLargeRatio({ type: "bonus", exDate: ex, n: "1" }, false)).toEqual([]);
    expect(checkLargeRatio({ type: "capitalisation", exDate: ex, n: "0.4" }, false)).toEqual([]);
    expect(checkLargeRatio({ type: "split", exDate: ex, n: "9" }, false)).toEqual([]);
    expect(checkLargeRatio({ type: "rights", exDate: ex, n: "2", p1: "10", p2: "5" }, false)).toEqual([]);
    expect(checkLargeRatio({ type: "dividend", exDate: ex, v: "3" }, false)).toEqual([]);
  });
});
