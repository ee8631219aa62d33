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
  "GRANT_BEFORE_GENERAL_MEETING",
  "GRANT_BEFORE_BOARD_RESOLUTION",
  "FIRST_GRANT_TOO_LATE",
  "PUBLICITY_NOT_CLOSED",
  "VERIFICATION_NOT_DISCLOSED",
  "VERIFICATION_IN_FUTURE",
  "LEAVE_BEFORE_GRANT",
  "DEPARTURE_NOT_IN_FORCE",
  "DEPARTURE_UNCHANGED",
  "LEAVE_DATE_CHANGES_VESTED",
  "TRANCHE_AFTER_VALIDITY",
  "EX_DATE_NOT_TRADING_DAY",
  "BATCH_HAS_VESTED_TRANCHES",
  "CATEGORY_ARRANGEMENT_LOCKED",
  "CATEGORY_HAS_GRANTS",
  "GENERAL_MEETING_DATE_LOCKED",
  "GENERAL_MEETING_DATE_MISMATCH",
  "GENERAL_MEETING_DATE_UNCHANGED",
  "ID_NUMBER_CHECK_DIGIT",
  "ID_NUMBER_INVALID",
  "LARGE_RATIO_UNCONFIRMED",
  "RESERVED_TRANCHE_AFTER_VALIDITY",
  "PAYMENT_DUPLICATE_ROW",
  "PAYMENT_UNKNOWN_REFERENCE",
  "PAYMENT_OVERPAID",
  "PAYMENT_AMOUNT_INVALID",
  "PAYMENT_AFTER_DEADLINE",
  "PAYMENT_WINDOW_INVALID",
  "PAYMENT_AFTER_REGISTRATION",
  "PAYMENT_DATE_INVALID",
  "PAYMENT_IN_FUTURE",
  "PAYMENT_NEGATIVE_TOTAL",
];

describe("errors", () => {
  it("has an English and a Chinese message for every code", () => {
    expect(Object.keys(ruleMessages).sort()).toEqual([...ALL].sort());
    for (const code of ALL) {
      expect(ruleMessages[code].en.length, code).toBeGreaterThan(5);
      expect(ruleMessages[code].zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("fills a message's placeholders from the details, and reads a missing one as a dash", () => {
    expect(violation("LEAVE_BEFORE_GRANT", { leaveDate: "2025-02-28", grantDate: "2025-03-01" }).message).toBe(
      "The leave date 2025-02-28 is before the person's first grant (2025-03-01).",
    );
    expect(new RuleError("FIRST_GRANT_TOO_LATE", { days: 60 }).message).toBe(
      "The first grant must be made within 60 days after the general meeting of —, by —; — is too late.",
    );
    // A placeholder names a detail: every one of them is a word, so nothing else in a text is touched.
    for (const code of ALL)
      for (const text of [ruleMessages[code].en, ruleMessages[code].zh])
        expect(text.match(/\{[^}]*\}/g)?.every((p) => /^\{\w+\}$/.test(p)) ?? true, code).toBe(true);
  });

  it("RuleError carries code and details and converts to a violation", () => {
    const e = new RuleError("IN_BLACKOUT", { date: "2025-04-10" });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("RuleError");
    expect(e.message).toBe(
      "2025-04-10 falls in a period in which shares may not vest. Next trading day outside blackout windows: —.",
    );
    expect(isRuleError(e)).toBe(true);
    expect(isRuleError(e, "IN_BLACKOUT")).toBe(true);
    expect(isRuleError(e, "OUTSIDE_WINDOW")).toBe(false);
    expect(isRuleError(new Error("x"))).toBe(false);
    expect(e.toViolation()).toEqual(violation("IN_BLACKOUT", { date: "2025-04-10" }));
  });
});
