import { describe, expect, it } from "vitest";
import {
  categoriesBody,
  checkCategoryDrafts,
  newCategory,
  nextTranche,
  type CategoryDraft,
} from "../../app/(portal)/hr/plans/new/planFormModel";

const category = (over: Partial<CategoryDraft> = {}): CategoryDraft => ({
  key: "k",
  code: "1",
  name: "第一类",
  nameEn: "Category 1",
  tranches: [
    { startMonths: "12", endMonths: "24", ratio: "0.33" },
    { startMonths: "24", endMonths: "36", ratio: "0.33" },
    { startMonths: "36", endMonths: "48", ratio: "0.34" },
  ],
  stored: false,
  grants: 0,
  ...over,
});
const keys = (c: CategoryDraft[], validity = 60) => checkCategoryDrafts(c, validity).map((p) => [p.key, p.values]);

describe("the plan form's category checks", () => {
  it("accept two categories with their own arrangements", () => {
    const second = category({ code: "2", tranches: [{ startMonths: "24", endMonths: "36", ratio: "1" }] });
    expect(keys([category(), second])).toEqual([]);
  });
  it("name the category and tranche of each problem", () => {
    const bad = category({
      code: "1",
      name: " ",
      tranches: [
        { startMonths: "24", endMonths: "12", ratio: "0.5" },
        { startMonths: "x", endMonths: "36", ratio: "0.5" },
        { startMonths: "36", endMonths: "72", ratio: "0.33333" },
      ],
    });
    expect(keys([category(), bad])).toEqual([
      ["codeDuplicate", { n: 2, code: 1 }],
      ["nameMissing", { n: 2 }],
      ["endBeforeStart", { n: 2, t: 1 }],
      ["monthsInvalid", { n: 2, t: 2 }],
      ["beyondValidity", { n: 2, t: 3, end: 72, validity: 60 }],
      ["ratioInvalid", { n: 2, t: 3 }],
    ]);
  });
  it("add ratios exactly and report the sum when it is not 1", () => {
    const off = category({
      tranches: [
        { startMonths: "12", endMonths: "24", ratio: "0.1" },
        { startMonths: "24", endMonths: "36", ratio: "0.2" },
      ],
    });
    expect(keys([off])).toEqual([["ratioSum", { n: 1, sum: "0.3" }]]);
    const exact = category({
      tranches: ["0.1", "0.2", "0.7"].map((ratio, i) => ({
        startMonths: String(12 * (i + 1)),
        endMonths: String(12 * (i + 2)),
        ratio,
      })),
    });
    expect(keys([exact])).toEqual([]);
  });
  it("need at least one category and one tranche", () => {
    expect(keys([])).toEqual([["noCategories", {}]]);
    expect(keys([category({ tranches: [] })])).toEqual([["noTranches", { n: 1 }]]);
  });
});

describe("new categories and tranches", () => {
  it("take the next free code and follow the last tranche", () => {
    expect(newCategory([category({ code: "1" }), category({ code: "4" })]).code).toBe("5");
    expect(newCategory([]).code).toBe("1");
    expect(nextTranche(category().tranches)).toEqual({ startMonths: "48", endMonths: "60", ratio: "" });
  });
  it("become the API's body with tranches numbered in order", () => {
    expect(categoriesBody([category({ code: " 2 " })])[0]).toEqual({
      code: 2,
      name: "第一类",
      nameEn: "Category 1",
      tranches: [
        { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
        { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
        { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
      ],
    });
  });
});
