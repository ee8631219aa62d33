import { describe, expect, it } from "vitest";
import {
  MAX_VALIDITY_MONTHS,
  checkGrantCaps,
  checkPlanSetup,
  reserveDeadline,
  unallocatedReserveLapsed,
  type GrantCapsInput,
} from "../../lib/domain/caps/planCaps";

const CAPITAL = 461_000_000;
const base: GrantCapsInput = {
  shareCapital: CAPITAL,
  personExisting: 0,
  personNew: 100_000,
  allPlansTotal: 9_000_000,
  plan: { totalQuantity: 9_000_000, reservedQuantity: 1_800_000, validityMonths: 60 },
  batch: "first",
  reservedGrantedSoFar: 0,
  reservedNew: 0,
  generalMeetingDate: "2024-05-20",
  grantDate: "2024-05-27",
};
const codes = (vs: { code: string }[]) => vs.map((v) => v.code);

describe("checkGrantCaps", () => {
  it("passes a normal first grant", () => {
    expect(checkGrantCaps(base)).toEqual([]);
  });

  it("1 % person cap: exactly 4,610,000 of 461,000,000 is allowed, one share more is not", () => {
    expect(checkGrantCaps({ ...base, personExisting: 4_000_000, personNew: 610_000 })).toEqual([]);
    const v = checkGrantCaps({ ...base, personExisting: 4_000_000, personNew: 610_001 });
    expect(codes(v)).toEqual(["CAP_PERSON_EXCEEDED"]);
    expect(v[0]!.details).toEqual({
      limit: 4_610_000,
      existing: 4_000_000,
      requested: 610_001,
      total: 4_610_001,
      excess: 1,
    });
  });

  it("1 % of a capital not divisible by 100 allows only whole shares below it", () => {
    expect(checkGrantCaps({ ...base, shareCapital: 461_000_050, personNew: 4_610_000 })).toEqual([]);
    expect(codes(checkGrantCaps({ ...base, shareCapital: 461_000_050, personNew: 4_610_001 }))).toEqual([
      "CAP_PERSON_EXCEEDED",
    ]);
  });

  it("20 % cap over all valid plans", () => {
    expect(checkGrantCaps({ ...base, allPlansTotal: 92_200_000 })).toEqual([]);
    const v = checkGrantCaps({ ...base, allPlansTotal: 92_200_001 });
    expect(codes(v)).toEqual(["CAP_TOTAL_EXCEEDED"]);
    expect(v[0]!.details).toEqual({ limit: 92_200_000, total: 92_200_001, excess: 1 });
  });

  it("reserve ≤ 20 % of the plan", () => {
    const v = checkGrantCaps({ ...base, plan: { ...base.plan, reservedQuantity: 1_800_001 } });
    expect(codes(v)).toEqual(["RESERVE_EXCEEDED"]);
    expect(v[0]!.details).toMatchObject({ kind: "reserve_share", limit: 1_800_000, excess: 1 });
  });

  it("reserved grants cannot exceed the reserved quantity", () => {
    const reserved = { ...base, batch: "reserved" as const, grantDate: "2025-03-03", reservedGrantedSoFar: 1_500_000 };
    expect(checkGrantCaps({ ...reserved, reservedNew: 300_000 })).toEqual([]);
    const v = checkGrantCaps({ ...reserved, reservedNew: 300_001 });
    expect(codes(v)).toEqual(["RESERVE_EXCEEDED"]);
    expect(v[0]!.details).toMatchObject({ kind: "reserve_balance", excess: 1 });
  });

  it("reserved grants only until the general meeting + 12 months (inclusive)", () => {
    const reserved = { ...base, batch: "reserved" as const, reservedNew: 1 };
    expect(checkGrantCaps({ ...reserved, grantDate: "2025-05-20" })).toEqual([]);
    const v = checkGrantCaps({ ...reserved, grantDate: "2025-05-21" });
    expect(codes(v)).toEqual(["RESERVE_DEADLINE_PASSED"]);
    expect(v[0]!.details).toEqual({
      grantDate: "2025-05-21",
      deadline: "2025-05-20",
      generalMeetingDate: "2024-05-20",
    });
    // The deadline does not apply to the first grant.
    expect(checkGrantCaps({ ...base, grantDate: "2025-06-01" })).toEqual([]);
  });

  it("rejects malformed counts", () => {
    expect(() => checkGrantCaps({ ...base, personNew: -1 })).toThrow(RangeError);
    expect(() => checkGrantCaps({ ...base, shareCapital: 1.5 })).toThrow(RangeError);
  });
});

describe("checkPlanSetup", () => {
  const plan = {
    totalQuantity: 9_000_000,
    firstGrantQuantity: 7_200_000,
    reservedQuantity: 1_800_000,
    validityMonths: 60,
    shareCapital: CAPITAL,
    otherPlansTotal: 0,
  };

  it("passes a valid plan, including an 84-month validity", () => {
    expect(checkPlanSetup(plan)).toEqual([]);
    expect(checkPlanSetup({ ...plan, validityMonths: 84 })).toEqual([]);
    expect(checkPlanSetup({ ...plan, validityMonths: MAX_VALIDITY_MONTHS })).toEqual([]);
  });

  it("flags validity over 120 months, a first + reserve mismatch, an oversized reserve and the 20 % cap", () => {
    expect(codes(checkPlanSetup({ ...plan, validityMonths: 121 }))).toEqual(["VALIDITY_TOO_LONG"]);
    const mismatch = checkPlanSetup({ ...plan, firstGrantQuantity: 7_000_000 });
    expect(codes(mismatch)).toEqual(["PLAN_TOTAL_MISMATCH"]);
    expect(mismatch[0]!.details).toMatchObject({ difference: -200_000 });
    expect(codes(checkPlanSetup({ ...plan, firstGrantQuantity: 7_199_999, reservedQuantity: 1_800_001 }))).toEqual([
      "RESERVE_EXCEEDED",
    ]);
    expect(codes(checkPlanSetup({ ...plan, otherPlansTotal: 83_200_001 }))).toEqual(["CAP_TOTAL_EXCEEDED"]);
    expect(checkPlanSetup({ ...plan, otherPlansTotal: 83_200_000 })).toEqual([]);
  });
});

describe("reserve deadline and lapse", () => {
  it("is the general meeting + 12 months, clamped", () => {
    expect(reserveDeadline("2024-05-20")).toBe("2025-05-20");
    expect(reserveDeadline("2024-02-29")).toBe("2025-02-28");
  });

  it("the unallocated reserve lapses the day after the deadline", () => {
    const input = { generalMeetingDate: "2024-05-20", reservedQuantity: 1_800_000, reservedGrantedSoFar: 1_500_000 };
    expect(unallocatedReserveLapsed({ ...input, asOf: "2025-05-20" })).toEqual({
      deadline: "2025-05-20",
      lapsed: false,
      quantity: 0,
    });
    expect(unallocatedReserveLapsed({ ...input, asOf: "2025-05-21" })).toEqual({
      deadline: "2025-05-20",
      lapsed: true,
      quantity: 300_000,
    });
    expect(unallocatedReserveLapsed({ ...input, reservedGrantedSoFar: 1_800_000, asOf: "2026-01-01" }).quantity).toBe(
      0,
    );
  });
});
