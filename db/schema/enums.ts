import { pgEnum } from "drizzle-orm/pg-core";

/** Roles a user may hold; a user may hold several. */
export const roleEnum = pgEnum("role", ["employee", "hr", "admin", "auditor", "finance"]);
/** Who verifies the participant list: the board of supervisors until the 2025-03-27 amendment, then the remuneration and appraisal committee. */
export const verifyingBodyEnum = pgEnum("verifying_body", ["board_of_supervisors", "remuneration_committee"]);
/** Plan lifecycle, in order. */
export const planStatusEnum = pgEnum("plan_status", [
  "draft",
  "board_approved",
  "publicity",
  "verified",
  "approved_by_general_meeting",
  "granted",
  "vesting",
  "closed",
  "expired",
]);
/** First grant or a grant from the reserve. */
export const grantBatchKindEnum = pgEnum("grant_batch_kind", ["first", "reserved"]);
/** Employment status of a person. */
export const employmentStatusEnum = pgEnum("employment_status", ["active", "left"]);
/** Tranche status as derived by the engine. */
export const trancheStatusEnum = pgEnum("tranche_status", ["pending", "vestable", "vested", "lapsed"]);
/** Kinds of disclosure-calendar entries that open blackout windows (or add closures). */
export const disclosureKindEnum = pgEnum("disclosure_kind", [
  "annual_report",
  "semi_annual_report",
  "q1_report",
  "q3_report",
  "performance_forecast",
  "performance_express",
  "major_event",
  "exchange_window",
]);
/** Corporate actions that adjust grant quantity and price. */
export const corporateActionTypeEnum = pgEnum("corporate_action_type", [
  "capitalisation",
  "bonus",
  "split",
  "rights",
  "consolidation",
  "dividend",
  "dividend_bonus",
  "issuance",
]);
/** Publicity period state. */
export const publicityStatusEnum = pgEnum("publicity_status", ["open", "closed"]);
/** Objection handling state; an upheld objection leads to a list change. */
export const objectionStatusEnum = pgEnum("objection_status", ["open", "answered", "upheld"]);
/** A fair-value measurement: the plan draft's projection (预测算) or the formal one at a grant (正式测算). */
export const fairValueKindEnum = pgEnum("fair_value_kind", ["draft_projection", "grant"]);
/** Identity document of a person, as the registrar's list records it. */
export const idTypeEnum = pgEnum("id_type", [
  "resident_id",
  "passport",
  "hk_macau_permit",
  "taiwan_permit",
  "foreign_permanent_residence",
  "other",
]);
/** Why a person left; plans treat retirement, death, incapacity and transfer differently from a resignation. */
export const departureReasonEnum = pgEnum("departure_reason", [
  "resignation",
  "contract_end",
  "dismissal",
  "retirement",
  "death",
  "incapacity",
  "transfer",
  "other",
]);
/** A departure record: the first record, a correction of the one it supersedes, or its withdrawal. */
export const departureKindEnum = pgEnum("departure_kind", ["recorded", "corrected", "withdrawn"]);
