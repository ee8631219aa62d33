import { addDays, compareIsoDates, daysBetween, isIsoDate, parseIsoDate } from "../calendar/isoDate";
import { violation, type RuleViolation } from "../errors";

/** Minimum internal publicity of the participant list, in calendar days (Measures art. 37). */
export const MIN_PUBLICITY_DAYS = 10;

/** Days between the verification opinion's disclosure and the general meeting (Measures art. 37). */
export const VERIFICATION_LEAD_DAYS = 5;

/** Date of the Measures amendment that moved list verification to the remuneration committee. */
export const REMUNERATION_COMMITTEE_FROM = "2025-03-27";

/** Body that verifies the participant list and discloses its opinion. */
export type VerifyingBody = "board_of_supervisors" | "remuneration_committee";

/** Publicity must last at least 10 days, counting both the first and the last day. */
export function checkPublicityPeriod(startDate: string, endDate: string): RuleViolation[] {
  const days = daysBetween(startDate, endDate) + 1;
  return days >= MIN_PUBLICITY_DAYS
    ? []
    : [violation("PUBLICITY_TOO_SHORT", { startDate, endDate, days, required: MIN_PUBLICITY_DAYS })];
}

/** The last day the verification opinion can be disclosed: 5 days before the general meeting (Measures art. 37). */
export function verificationDeadline(generalMeetingDate: string): string {
  return addDays(generalMeetingDate, -VERIFICATION_LEAD_DAYS);
}

/** Dates of the verification step; disclosureDate null = not disclosed yet (then `today` stands in for it). */
export type VerificationInput = {
  readonly publicityEndDate: string;
  readonly disclosureDate: string | null;
  readonly generalMeetingDate: string;
  readonly today?: string;
  /** When recording: the opinion's own date, checked with the disclosure against `recordedOn`. */
  readonly opinionDate?: string;
  /** The day the record is made: an opinion or disclosure after it has not happened yet. */
  readonly recordedOn?: string;
  /**
   * Which list is verified. A reserved list is settled after the general meeting (within its 12 months), so
   * the 5-day lead before the meeting binds the first list only.
   */
  readonly batch?: "first" | "reserved";
};

/**
 * The verification opinion must be disclosed after the publicity period ended and at least
 * 5 days before the general meeting. When it is not disclosed yet, `today` is the earliest
 * possible disclosure, which catches a timetable that can no longer be met.
 */
export function checkVerification(input: VerificationInput): RuleViolation[] {
  const { publicityEndDate, generalMeetingDate } = input;
  parseIsoDate(publicityEndDate);
  parseIsoDate(generalMeetingDate);
  const disclosure = input.disclosureDate ?? input.today ?? null;
  if (disclosure === null) return [];
  const out: RuleViolation[] = [];
  if (compareIsoDates(disclosure, publicityEndDate) <= 0) {
    out.push(violation("PUBLICITY_NOT_ENDED", { publicityEndDate, disclosureDate: disclosure }));
  } else if (input.opinionDate !== undefined && compareIsoDates(input.opinionDate, publicityEndDate) <= 0) {
    // The opinion reviews the publicity's outcome, so it too comes after the last day.
    out.push(violation("PUBLICITY_NOT_ENDED", { publicityEndDate, opinionDate: input.opinionDate }));
  }
  const recordedOn = input.recordedOn;
  if (recordedOn !== undefined) {
    for (const date of [input.opinionDate, input.disclosureDate]) {
      if (date && compareIsoDates(date, recordedOn) > 0) {
        out.push(violation("VERIFICATION_IN_FUTURE", { date, today: recordedOn }));
        break;
      }
    }
  }
  const lead = daysBetween(disclosure, generalMeetingDate);
  if (input.batch !== "reserved" && lead < VERIFICATION_LEAD_DAYS) {
    out.push(
      violation("VERIFICATION_TOO_LATE", {
        disclosureDate: disclosure,
        generalMeetingDate,
        days: lead,
        required: VERIFICATION_LEAD_DAYS,
      }),
    );
  }
  return out;
}

/** Supervisors verify lists of plans approved by the board before 2025-03-27, the remuneration committee from then on. */
export function verifyingBodyFor(boardApprovalDate: string): VerifyingBody {
  return compareIsoDates(boardApprovalDate, REMUNERATION_COMMITTEE_FROM) < 0
    ? "board_of_supervisors"
    : "remuneration_committee";
}

/**
 * True when the list changed after it was verified (or was never verified). Accepts ISO dates or
 * timestamps; two plain dates on the same day count as not stale, since the order is unknown.
 */
export function isVerificationStale(verifiedAt: string | Date | null, listChangedAt: string | Date | null): boolean {
  if (verifiedAt === null) return true;
  if (listChangedAt === null) return false;
  if (
    typeof verifiedAt === "string" &&
    typeof listChangedAt === "string" &&
    isIsoDate(verifiedAt) &&
    isIsoDate(listChangedAt)
  ) {
    return compareIsoDates(listChangedAt, verifiedAt) > 0;
  }
  return instant(listChangedAt) > instant(verifiedAt);
}

/** VERIFICATION_STALE when the list changed after it was verified. */
export function checkVerificationFresh(
  verifiedAt: string | Date | null,
  listChangedAt: string | Date | null,
): RuleViolation[] {
  if (!isVerificationStale(verifiedAt, listChangedAt)) return [];
  const iso = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : v);
  return [violation("VERIFICATION_STALE", { verifiedAt: iso(verifiedAt), listChangedAt: iso(listChangedAt) })];
}

function instant(v: string | Date): number {
  // A plain date mixed with a timestamp is read as the start of that day in Shanghai.
  const ms = v instanceof Date ? v.getTime() : isIsoDate(v) ? Date.parse(`${v}T00:00:00+08:00`) : Date.parse(v);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date or timestamp: ${String(v)}`);
  return ms;
}
