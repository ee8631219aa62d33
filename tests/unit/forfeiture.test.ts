import { describe, expect, it } from "vitest";
import { lapseReversesExpense } from "@/lib/domain/expense/forfeiture";
import { LAPSE_REASONS } from "@/lib/domain/vesting/reasonTexts";

describe("which lapses reverse the share-based payment expense (CAS 11 第六条)", () => {
  it("reverses failed service or performance conditions and voided batches, keeps lapses after the conditions were met", () => {
    expect(Object.fromEntries(LAPSE_REASONS.map((r) => [r, lapseReversesExpense(r)]))).toEqual({
      appraisal: true,
      left: true,
      voided: true,
      window_closed: false,
      validity_ended: false,
      // Not paid by the deadline (放弃): the conditions were met, like an option left unexercised.
      waived: false,
    });
    expect(lapseReversesExpense(null)).toBe(false);
  });
});
