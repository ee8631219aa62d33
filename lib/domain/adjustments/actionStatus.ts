/**
 * Where a recorded corporate action stands. "scheduled": recorded (the board resolved it and the
 * announcement gave its ex-date) but its ex-date has not been reached by the derivation, so no price or
 * quantity has changed yet. "applied": every plan has been derived on or after the ex-date, so the
 * adjustment is in the stored prices, quantities and adjustment records.
 */
export type CorporateActionStatus = "scheduled" | "applied";

/**
 * The status of an action with the given ex-date, when the issuer's plans are all derived through
 * `appliedThrough` (the earliest day any of them was last derived for, at most today). ISO dates compare
 * as strings.
 */
export function corporateActionStatus(exDate: string, appliedThrough: string): CorporateActionStatus {
  return exDate <= appliedThrough ? "applied" : "scheduled";
}
