import { compareIsoDates, parseIsoDate } from "../calendar/isoDate";
import { violation, type RuleViolation } from "../errors";

/**
 * The payment window of a vesting batch (缴款期): from the start date to the deadline, both days
 * included. No statute fixes its length; the issuer sets the deadline in its payment notice so the
 * money arrives before the CPA verifies it (验资) and the issuer files the registration with the
 * registrar (CSDC), whose registration day is the vesting day. After the deadline unpaid shares lapse
 * as waived by the grantee (放弃).
 */
export type PaymentWindow = {
  readonly start: string;
  readonly deadline: string;
};

export type PaymentWindowInput = PaymentWindow & {
  /** The planned registration (vesting) date. */
  readonly registrationDate: string;
  /**
   * The last day of the tranche's vesting window, or null beyond the published calendar. Only
   * validated here: the registration date against the window is checkVestingDate's OUTSIDE_WINDOW,
   * and a deadline before the registration date is then inside the window too.
   */
  readonly windowClose: string | null;
};

/**
 * Checks a batch's payment window: PAYMENT_WINDOW_INVALID when the deadline is before the start (a
 * one-day window, deadline = start, is allowed), PAYMENT_AFTER_REGISTRATION when the deadline is not
 * before the planned registration date.
 */
export function checkPaymentWindow(input: PaymentWindowInput): RuleViolation[] {
  const { start, deadline, registrationDate, windowClose } = input;
  if (windowClose !== null) parseIsoDate(windowClose);
  const out: RuleViolation[] = [];
  if (compareIsoDates(deadline, start) < 0) out.push(violation("PAYMENT_WINDOW_INVALID", { start, deadline }));
  if (compareIsoDates(deadline, registrationDate) >= 0)
    out.push(violation("PAYMENT_AFTER_REGISTRATION", { deadline, registrationDate }));
  return out;
}

/** True on the days payments are taken: start ≤ asOf ≤ deadline (asOf is a Shanghai calendar date). */
export function isPaymentOpen(asOf: string, window: PaymentWindow): boolean {
  return compareIsoDates(asOf, window.start) >= 0 && compareIsoDates(asOf, window.deadline) <= 0;
}
