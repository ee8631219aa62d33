import { describe, expect, it } from "vitest";
import {
  TRANSFER_RULES,
  transferAllowance,
  transferRuleOn,
  type TransferAllowanceInput,
} from "../../lib/domain/vesting/transferLimits";

function director(overrides: Partial<TransferAllowanceInput> = {}): TransferAllowanceInput {
  return {
    isDirectorOrSeniorManager: true,
    asOf: "2026-08-03",
    holdingAtPreviousYearEnd: 100_000,
    vestedThisYear: [],
    soldThisYear: 0,
    leftOfficeOn: null,
    lastVestingRegistrationDate: null,
    ...overrides,
  };
}

// Registered 2026-06-15, listed 2026-06-22 (five trading days later, as 星环科技's 2025 vesting).
const juneVesting = { registrationDate: "2026-06-15", listingDate: "2026-06-22", shares: 20_000 };

describe("transferAllowance for directors and senior managers", () => {
  it("allows 25 % of the previous year-end holding plus 25 % of this year's vestings, less the year's sales", () => {
    // 100,000 × 25 % + 20,000 × 25 % − 10,000 = 25,000 + 5,000 − 10,000 = 20,000
    const r = transferAllowance(director({ vestedThisYear: [juneVesting], soldThisYear: 10_000 }));
    expect(r).toMatchObject({
      limited: true,
      tradableFrom: "2026-08-03",
      upToThisYear: 20_000,
      sellableOnAsOf: 20_000,
      holding: 110_000,
      leaveLockUntil: null,
      rule: { id: "annual_quota_25" },
    });
    expect(r.rule.source).toContain("第一百六十条");
  });

  it("counts a vesting's quarter only from its listing date", () => {
    // On 2026-06-18 the June shares are registered but not listed: 25,000 − 10,000 = 15,000 today,
    // 20,000 from 2026-06-22.
    const r = transferAllowance(director({ asOf: "2026-06-18", vestedThisYear: [juneVesting], soldThisYear: 10_000 }));
    expect(r).toMatchObject({ tradableFrom: "2026-06-22", upToThisYear: 20_000, sellableOnAsOf: 15_000 });
  });

  it("rounds each quarter down and never goes below 0", () => {
    // ⌊1,003 / 4⌋ = 250 and ⌊7 / 4⌋ = 1 → 251
    const vested = [{ registrationDate: "2026-03-02", listingDate: "2026-03-09", shares: 7 }];
    expect(transferAllowance(director({ holdingAtPreviousYearEnd: 1003, vestedThisYear: vested })).upToThisYear).toBe(
      251,
    );
    // Sold 30,000 already (e.g. a court-ordered transfer outside the cap) against a quota of 25,000 → 0
    expect(transferAllowance(director({ soldThisYear: 30_000 })).upToThisYear).toBe(0);
  });

  it("lets a holding of at most 1,000 shares go in full", () => {
    const small = transferAllowance(director({ holdingAtPreviousYearEnd: 800 }));
    expect(small).toMatchObject({ limited: true, upToThisYear: 800, sellableOnAsOf: 800 });
    expect(small.rule.id).toBe("small_holding_1000");
    expect(transferAllowance(director({ holdingAtPreviousYearEnd: 1000 })).upToThisYear).toBe(1000);
    // 1,001 > 1,000: back to the quarter, ⌊1,001 / 4⌋ = 250
    const over = transferAllowance(director({ holdingAtPreviousYearEnd: 1001 }));
    expect(over).toMatchObject({ upToThisYear: 250, rule: { id: "annual_quota_25" } });
  });

  it("locks everything for 6 months after leaving office", () => {
    // Left 2026-03-01: the 6 months run 2026-03-02 to 2026-09-01, so nothing until 2026-09-01 inclusive.
    const locked = transferAllowance(director({ leftOfficeOn: "2026-03-01", asOf: "2026-05-01" }));
    expect(locked).toMatchObject({
      limited: true,
      sellableOnAsOf: 0,
      leaveLockUntil: "2026-09-01",
      tradableFrom: "2026-09-02",
      upToThisYear: 25_000,
    });
    expect(locked.appliedRules.map((r) => r.id)).toEqual(["annual_quota_25", "leave_lock_6_months"]);
    expect(transferAllowance(director({ leftOfficeOn: "2026-03-01", asOf: "2026-09-01" })).sellableOnAsOf).toBe(0);
    // From 2026-09-02 the annual cap still applies (the original term is not known): 25,000.
    const after = transferAllowance(director({ leftOfficeOn: "2026-03-01", asOf: "2026-09-02" }));
    expect(after).toMatchObject({ limited: true, sellableOnAsOf: 25_000, tradableFrom: "2026-09-02" });
    expect(after.appliedRules.map((r) => r.id)).toEqual(["annual_quota_25"]);
  });

  it("leaves nothing for this year when the leave lock runs past the year-end", () => {
    // Left 2026-09-15 → locked to 2027-03-15; next year's quota is computed on next year's base.
    const r = transferAllowance(director({ leftOfficeOn: "2026-09-15", asOf: "2026-10-01" }));
    expect(r).toMatchObject({ leaveLockUntil: "2027-03-15", tradableFrom: "2027-03-16", upToThisYear: 0 });
  });

  it("frees a leaver once the lock and the original term plus 6 months are over", () => {
    // Left 2025-01-10 (lock to 2025-07-10); term ended 2025-06-30, + 6 months = 2025-12-31.
    const input = director({ asOf: "2026-02-02", leftOfficeOn: "2025-01-10", originalTermEndsOn: "2025-06-30" });
    expect(transferAllowance(input)).toMatchObject({
      limited: false,
      upToThisYear: 100_000,
      rule: { id: "after_term" },
    });
    // Term ending 2025-12-31 → cap until 2026-06-30: still limited on 2026-02-02.
    expect(transferAllowance({ ...input, originalTermEndsOn: "2025-12-31" }).limited).toBe(true);
    // Term unknown: the cap stays.
    expect(transferAllowance({ ...input, originalTermEndsOn: null })).toMatchObject({
      limited: true,
      upToThisYear: 25_000,
    });
  });

  it("flags a sale up to 6 months after the latest vesting registration", () => {
    // 2025-11-20 + 6 months = 2026-05-20
    const last = { lastVestingRegistrationDate: "2025-11-20" };
    const flagged = transferAllowance(director({ ...last, asOf: "2026-03-02" }));
    expect(flagged.shortSwingUntil).toBe("2026-05-20");
    expect(flagged.appliedRules.map((r) => r.id)).toContain("short_swing_6_months");
    expect(transferAllowance(director({ ...last, asOf: "2026-05-20" })).shortSwingUntil).toBe("2026-05-20");
    expect(transferAllowance(director({ ...last, asOf: "2026-05-21" })).shortSwingUntil).toBeNull();
    // This year's registrations count too, and end-of-month dates clamp: 2026-08-31 + 6 months = 2027-02-28.
    const aug = { registrationDate: "2026-08-31", listingDate: "2026-09-07", shares: 400 };
    expect(transferAllowance(director({ ...last, asOf: "2026-09-01", vestedThisYear: [aug] })).shortSwingUntil).toBe(
      "2027-02-28",
    );
    // A registration still to come flags the sales before it.
    expect(transferAllowance(director({ asOf: "2026-06-01", vestedThisYear: [juneVesting] })).shortSwingUntil).toBe(
      "2026-12-15",
    );
  });
});

describe("transferAllowance for other grantees", () => {
  it("allows the whole holding from the listing date, with no short-swing flag", () => {
    const r = transferAllowance({
      isDirectorOrSeniorManager: false,
      asOf: "2026-06-16",
      holdingAtPreviousYearEnd: 0,
      vestedThisYear: [{ registrationDate: "2026-06-15", listingDate: "2026-06-22", shares: 3000 }],
      soldThisYear: 0,
      leftOfficeOn: null,
      lastVestingRegistrationDate: "2026-06-15",
    });
    expect(r).toEqual({
      limited: false,
      tradableFrom: "2026-06-22",
      upToThisYear: 3000,
      sellableOnAsOf: 0,
      holding: 3000,
      leaveLockUntil: null,
      shortSwingUntil: null,
      rule: { id: "no_statutory_limit", source: transferRuleOn("no_statutory_limit", "2026-06-16").source },
      appliedRules: [{ id: "no_statutory_limit", source: transferRuleOn("no_statutory_limit", "2026-06-16").source }],
    });
  });

  it("is tradable from asOf when the shares are listed already, less what was sold", () => {
    const r = transferAllowance({ ...director({ isDirectorOrSeniorManager: false }), soldThisYear: 40_000 });
    expect(r).toMatchObject({ tradableFrom: "2026-08-03", upToThisYear: 60_000, sellableOnAsOf: 60_000 });
  });
});

describe("transferAllowance input checks", () => {
  it("rejects inconsistent input", () => {
    // Sales above the holding
    expect(() => transferAllowance(director({ soldThisYear: 100_001 }))).toThrow(RangeError);
    // A vesting registered in another year than asOf
    const old = { registrationDate: "2025-12-30", listingDate: "2026-01-06", shares: 100 };
    expect(() => transferAllowance(director({ vestedThisYear: [old] }))).toThrow(RangeError);
    // Listing before registration
    const wrong = { registrationDate: "2026-06-15", listingDate: "2026-06-12", shares: 100 };
    expect(() => transferAllowance(director({ vestedThisYear: [wrong] }))).toThrow(RangeError);
    // A departure for someone who was never a director or senior manager
    expect(() => transferAllowance(director({ isDirectorOrSeniorManager: false, leftOfficeOn: "2026-03-01" }))).toThrow(
      RangeError,
    );
    expect(() => transferAllowance(director({ holdingAtPreviousYearEnd: -1 }))).toThrow(RangeError);
    // Before 2024-07-01 the rule data has no entry
    expect(() => transferAllowance(director({ asOf: "2024-06-28" }))).toThrow(RangeError);
  });
});

describe("TRANSFER_RULES", () => {
  it("cites a source for every rule", () => {
    for (const rule of TRANSFER_RULES) expect(rule.source.length).toBeGreaterThan(10);
    expect(transferRuleOn("short_swing_6_months", "2026-01-05").source).toContain("第四十四条");
    expect(transferRuleOn("small_holding_1000", "2026-01-05").source).toContain("2024");
  });
});
