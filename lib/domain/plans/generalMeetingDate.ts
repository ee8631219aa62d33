import { compareIsoDates, daysBetween, parseIsoDate } from "../calendar/isoDate";
import { violation, type RuleViolation } from "../errors";
import { VERIFICATION_LEAD_DAYS } from "../process/processRules";

/**
 * The general meeting date is a fact the procedure hangs on: the verification is disclosed 5 days
 * before it (Measures art. 37), a first grant comes on or after it and within 60 days (art. 44), the
 * reserve lapses 12 months after it (art. 15). So it changes only by an explicit, audited edit with a
 * reason — not as a side effect of recording something else — and not at all once grants were checked
 * against it.
 */

/**
 * A record (a verification opinion, a plan edit) naming a meeting date must agree with the plan's date
 * once one is set: GENERAL_MEETING_DATE_MISMATCH names both. An unset plan date may be filled.
 */
export function checkMeetingDateAgrees(planDate: string | null, given: string | null): RuleViolation[] {
  if (planDate === null || given === planDate) return [];
  return [violation("GENERAL_MEETING_DATE_MISMATCH", { given, generalMeetingDate: planDate })];
}

/** What an explicit change of the meeting date is checked against. */
export interface MeetingDateChange {
  readonly current: string | null;
  readonly requested: string;
  /** The plan's earliest grant date of any batch; null while it has no grant. */
  readonly earliestGrantDate: string | null;
  /** Disclosure of the plan's verification opinion in force (latest, not stale); null when none. */
  readonly disclosureDate: string | null;
}

/**
 * Refusals of an explicit meeting-date change: GENERAL_MEETING_DATE_UNCHANGED for the same date,
 * GENERAL_MEETING_DATE_LOCKED once the plan has a grant (its timing was checked against the old date),
 * VERIFICATION_TOO_LATE when the opinion in force would be disclosed less than 5 days before the new date.
 */
export function checkMeetingDateChange(input: MeetingDateChange): RuleViolation[] {
  const { current, requested, earliestGrantDate, disclosureDate } = input;
  parseIsoDate(requested);
  if (current !== null && compareIsoDates(current, requested) === 0)
    return [violation("GENERAL_MEETING_DATE_UNCHANGED", { generalMeetingDate: current })];
  const out: RuleViolation[] = [];
  if (earliestGrantDate !== null)
    out.push(
      violation("GENERAL_MEETING_DATE_LOCKED", {
        generalMeetingDate: current,
        requested,
        grantDate: earliestGrantDate,
      }),
    );
  if (disclosureDate !== null) {
    const days = daysBetween(disclosureDate, requested);
    if (days < VERIFICATION_LEAD_DAYS)
      out.push(
        violation("VERIFICATION_TOO_LATE", {
          disclosureDate,
          generalMeetingDate: requested,
          days,
          required: VERIFICATION_LEAD_DAYS,
        }),
      );
  }
  return out;
}
