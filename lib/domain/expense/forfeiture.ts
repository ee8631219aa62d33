/**
 * Whether a lapse reverses the share-based payment expense already booked for the shares.
 *
 * CAS 11 第六条 (and IFRS 2.19–20): until the vesting date the expense follows the best estimate of the
 * shares that will vest, so shares lost because a service condition failed (the grantee left: "left") or
 * a non-market performance condition failed (the company or individual appraisal: "appraisal") come out
 * of the estimate, with the cumulative catch-up in the period the lapse takes effect. Once the conditions
 * are met, 第六条 says "在可行权日之后不再对已确认的相关成本费用和所有者权益总额进行调整": shares that lapse
 * only because they were not registered in their window ("window_closed") or before the plan's validity
 * ended ("validity_ended") keep the expense booked for them. A voided batch ("voided", recorded by
 * mistake) was never granted: all of its expense is reversed. Shares the grantee did not pay for by the
 * payment deadline ("waived", 放弃) lapse after the conditions were met, like an option not exercised:
 * read strictly, 第六条 keeps their expense too. (The other reading, that a Class II share only vests when
 * paid so 放弃 is a failed condition, would reverse it; this choice is to be confirmed with the auditor.)
 */
export function lapseReversesExpense(lapseReason: string | null): boolean {
  return lapseReason === "left" || lapseReason === "appraisal" || lapseReason === "voided";
}
