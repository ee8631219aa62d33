import { addDays, compareIsoDates, parseIsoDate } from "../calendar/isoDate";
import { violation, type RuleViolation } from "../errors";

/**
 * Days after the general meeting within which the first grant must be made and announced (Measures
 * art. 44: otherwise the plan ends and may not be re-proposed for three months).
 */
export const FIRST_GRANT_DEADLINE_DAYS = 60;

/** What the order of a grant is checked against. */
export interface GrantTimingInput {
  readonly batch: "first" | "reserved";
  readonly grantDate: string;
  readonly boardResolutionDate: string | null;
  readonly generalMeetingDate: string | null;
  /** The granted list's latest publicity: its last day and whether HR closed it (recorded how it went). */
  readonly publicity: { readonly endDate: string; readonly closed: boolean } | null;
  /** When the verification opinion in force was disclosed; null when none is recorded. */
  readonly verificationDisclosureDate: string | null;
}

/**
 * The procedure's order for a grant (Measures arts. 37, 40, 44): on or after the general meeting that
 * approved the plan and the board resolution that decided the grant; any grant only once its own list's
 * publicity is closed and the verification opinion on it disclosed (a reserved batch's list is verified
 * separately, art. 40); a first grant within 60 days of the meeting.
 * Each violation carries the dates involved and, where there is one, the earliest permissible date.
 */
export function checkGrantTiming(input: GrantTimingInput): RuleViolation[] {
  const { batch, grantDate, boardResolutionDate, generalMeetingDate } = input;
  parseIsoDate(grantDate);
  const out: RuleViolation[] = [];
  if (generalMeetingDate === null) {
    out.push(violation("GRANT_BEFORE_GENERAL_MEETING", { grantDate, generalMeetingDate: null, earliest: null }));
  } else if (compareIsoDates(grantDate, generalMeetingDate) < 0) {
    out.push(
      violation("GRANT_BEFORE_GENERAL_MEETING", { grantDate, generalMeetingDate, earliest: generalMeetingDate }),
    );
  }
  if (boardResolutionDate !== null) {
    if (compareIsoDates(grantDate, boardResolutionDate) < 0)
      out.push(
        violation("GRANT_BEFORE_BOARD_RESOLUTION", { grantDate, boardResolutionDate, earliest: boardResolutionDate }),
      );
    if (generalMeetingDate !== null && compareIsoDates(boardResolutionDate, generalMeetingDate) < 0)
      out.push(
        violation("GRANT_BEFORE_GENERAL_MEETING", {
          boardResolutionDate,
          grantDate,
          generalMeetingDate,
          earliest: generalMeetingDate,
        }),
      );
  }
  if (batch === "first" && generalMeetingDate !== null) {
    const deadline = addDays(generalMeetingDate, FIRST_GRANT_DEADLINE_DAYS);
    if (compareIsoDates(grantDate, deadline) > 0)
      out.push(
        violation("FIRST_GRANT_TOO_LATE", {
          grantDate,
          generalMeetingDate,
          deadline,
          days: FIRST_GRANT_DEADLINE_DAYS,
        }),
      );
  }
  if (!input.publicity?.closed)
    out.push(violation("PUBLICITY_NOT_CLOSED", { publicityEndDate: input.publicity?.endDate ?? null }));
  const disclosed = input.verificationDisclosureDate;
  if (disclosed === null || compareIsoDates(disclosed, grantDate) > 0)
    out.push(
      violation("VERIFICATION_NOT_DISCLOSED", {
        grantDate,
        disclosureDate: disclosed,
        earliest: disclosed,
      }),
    );
  return out;
}

/** A leave date must not be before the person's first grant (of any plan); null when they hold none. */
export function checkLeaveDate(leaveDate: string, firstGrantDate: string | null): RuleViolation[] {
  parseIsoDate(leaveDate);
  if (firstGrantDate === null || compareIsoDates(leaveDate, firstGrantDate) >= 0) return [];
  return [violation("LEAVE_BEFORE_GRANT", { leaveDate, grantDate: firstGrantDate, earliest: firstGrantDate })];
}
