import { describe, expect, it } from "vitest";
import { RuleError, isRuleError, ruleMessages, violation, type RuleCode } from "../../lib/domain/errors";

const ALL: RuleCode[] = [
  "NOT_A_TRADING_DAY",
  "IN_BLACKOUT",
  "OUTSIDE_WINDOW",
  "AFTER_VALIDITY_END",
  "CALENDAR_NOT_PUBLISHED",
  "CAP_PERSON_EXCEEDED",
  "CAP_TOTAL_EXCEEDED",
  "RESERVE_EXCEEDED",
  "RESERVE_DEADLINE_PASSED",
  "VALIDITY_TOO_LONG",
  "PLAN_TOTAL_MISMATCH",
  "PUBLICITY_TOO_SHORT",
  "PUBLICITY_NOT_ENDED",
  "VERIFICATION_TOO_LATE",
  "VERIFICATION_STALE",
  "PRICE_BELOW_PAR",
  "INVALID_ADJUSTMENT",
  "INVALID_RATIOS",
  "INVALID_FAIR_VALUE_INPUTS",
];

describe("errors", () => {
  it("has an English and a Chinese message for every code", () => {
    expect(Object.keys(ruleMessages).sort()).toEqual([...ALL].sort());
    for (const code of ALL) {
      expect(ruleMessages[code].en.length, code).toBeGreaterThan(5);
      expect(ruleMessages[code].zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("RuleError carries code and details and converts to a violation", () => {
    const e = new RuleError("IN_BLACKOUT", { date: "2025-04-10" });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("RuleError");
    expect(e.message).toBe(ruleMessages.IN_BLACKOUT.en);
    expect(isRuleError(e)).toBe(true);
    expect(isRuleError(e, "IN_BLACKOUT")).toBe(true);
    expect(isRuleError(e, "OUTSIDE_WINDOW")).toBe(false);
    expect(isRuleError(new Error("x"))).toBe(false);
    expect(e.toViolation()).toEqual(violation("IN_BLACKOUT", { date: "2025-04-10" }));
  });
});
