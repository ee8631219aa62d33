/**
 * Blackout rule sets as data. Plans copy the insider-trading windows of the CSRC rule on
 * directors' and officers' shareholdings, whose lengths changed on 2024-05-24; each plan keeps
 * the set its text refers to, so the lengths are stored per plan rather than hard-coded.
 */

/** Lengths, in calendar days, of the windows before periodic disclosures. */
export type BlackoutRuleSet = {
  readonly name: string;
  /** Days before an annual or semi-annual report. */
  readonly annualDays: number;
  /** Days before a Q1/Q3 report, performance forecast or performance express. */
  readonly quarterlyDays: number;
};

/** 2022 revision (in force 2022-01-07 to 2024-05-23): 30 / 10 days. */
export const BLACKOUT_RULES_2022: BlackoutRuleSet = Object.freeze({
  name: "2022 rules",
  annualDays: 30,
  quarterlyDays: 10,
});

/** Rules issued 2024-05-24: 15 / 5 days. */
export const BLACKOUT_RULES_2024: BlackoutRuleSet = Object.freeze({
  name: "2024-05-24 rules",
  annualDays: 15,
  quarterlyDays: 5,
});

/** The presets offered when a plan is set up, oldest first. */
export const blackoutRulePresets: readonly BlackoutRuleSet[] = Object.freeze([
  BLACKOUT_RULES_2022,
  BLACKOUT_RULES_2024,
]);

/** Throws RangeError unless both lengths are non-negative whole days. */
export function assertValidBlackoutRuleSet(ruleSet: BlackoutRuleSet): void {
  for (const days of [ruleSet.annualDays, ruleSet.quarterlyDays]) {
    if (!Number.isSafeInteger(days) || days < 0)
      throw new RangeError(`Invalid blackout length in ${ruleSet.name}: ${days}`);
  }
}
