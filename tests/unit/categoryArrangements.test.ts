import { describe, expect, it } from "vitest";
import { checkCategoryChanges, sameArrangement } from "../../lib/domain/plans/categoryArrangements";

const A = [
  { startMonths: 12, endMonths: 24, ratio: "0.3300" },
  { startMonths: 24, endMonths: 36, ratio: "0.3300" },
  { startMonths: 36, endMonths: 48, ratio: "0.3400" },
];

describe("a category's arrangement", () => {
  it("is the same whatever the ratios' trailing zeros", () => {
    expect(
      sameArrangement(
        A,
        A.map((t) => ({ ...t, ratio: String(Number(t.ratio)) })),
      ),
    ).toBe(true);
  });
  it("differs by a window, a ratio or a tranche", () => {
    expect(sameArrangement(A, [{ ...A[0]!, endMonths: 25 }, A[1]!, A[2]!])).toBe(false);
    expect(sameArrangement(A, [{ ...A[0]!, ratio: "0.34" }, A[1]!, { ...A[2]!, ratio: "0.33" }])).toBe(false);
    expect(sameArrangement(A, A.slice(0, 2))).toBe(false);
  });
});

describe("changes to a plan's categories", () => {
  const stored = [
    { code: 1, grants: 121, tranches: A },
    { code: 2, grants: 0, tranches: A },
  ];
  it("let a category without grants change or go, and a new one come", () => {
    expect(
      checkCategoryChanges(stored, [
        { code: 1, tranches: A },
        { code: 3, tranches: A.slice(1) },
      ]),
    ).toEqual([]);
  });
  it("refuse an arrangement change of a category with grants (CATEGORY_ARRANGEMENT_LOCKED)", () => {
    const [v, ...rest] = checkCategoryChanges(stored, [{ code: 1, tranches: A.slice(0, 2) }, stored[1]!]);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ code: "CATEGORY_ARRANGEMENT_LOCKED", details: { categoryCode: 1, grants: 121 } });
    expect(v!.message).toBe(
      "Category 1 already has 121 grant(s): its vesting arrangement can no longer change (its name still can).",
    );
  });
  it("refuse removing a category with grants (CATEGORY_HAS_GRANTS)", () => {
    expect(checkCategoryChanges(stored, [stored[1]!]).map((v) => v.code)).toEqual(["CATEGORY_HAS_GRANTS"]);
  });
});
