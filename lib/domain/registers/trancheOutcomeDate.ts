import { addDays } from "../calendar/isoDate";
import { validityLapseDate } from "../plans/planValidity";

/** What a stored tranche row says about its outcome, plus the recorded dates around it. */
export interface TrancheOutcomeFacts {
  status: "pending" | "vestable" | "vested" | "lapsed";
  vestingDate: string | null;
  lapseReason: string | null;
  windowClose: string | null;
  /** Registration date of the confirmed vesting run for the tranche's batch, category and tranche. */
  runDate: string | null;
  /** Asia/Shanghai date the individual appraisal was recorded. */
  appraisalDate: string | null;
  /** Asia/Shanghai date the grant's batch was voided (lapse reason "voided"), when known. */
  voidDate?: string | null;
}

/** The grant-level facts a lapse date can depend on. */
export interface GrantOutcomeFacts {
  leaveDate: string | null;
  /** The plan's first grant date: validity runs from it. */
  planFirstGrantDate: string | null;
  validityMonths: number;
}

/**
 * The date a tranche's outcome took effect, by the same rules the engine decides it with (see
 * trancheOutcome): the registration date when shares vested (a partial appraisal lapse is decided on
 * the same day); the leave date; the day after the window closed; the day after the plan's validity
 * ended; for a failed appraisal the vesting run's date, else the day the appraisal was recorded; for a
 * voided batch the day it was voided.
 * Null while nothing is decided.
 */
export function trancheOutcomeDate(t: TrancheOutcomeFacts, g: GrantOutcomeFacts): string | null {
  if (t.vestingDate !== null) return t.vestingDate;
  switch (t.lapseReason) {
    case "left":
      return g.leaveDate;
    case "window_closed":
      return t.windowClose === null ? null : addDays(t.windowClose, 1);
    case "validity_ended":
      // The tranche lapses on the first day after the plan's validity period.
      return validityLapseDate(g.planFirstGrantDate, g.validityMonths);
    case "appraisal":
      return t.runDate ?? t.appraisalDate;
    case "voided":
      return t.voidDate ?? null;
    default:
      return null;
  }
}
