// Public API of the Vesting Desk domain engine: pure functions, no I/O.

export { RuleError, ruleMessages, violation, isRuleError } from "./errors";
export type { RuleCode, RuleDetails, RuleViolation } from "./errors";

export {
  addDays,
  addMonthsClamped,
  civilToDayNumber,
  compareIsoDates,
  dayNumberToCivil,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  isWeekend,
  maxIsoDate,
  minIsoDate,
  parseIsoDate,
  toDayNumber,
  todayInShanghai,
  tryParseIsoDate,
  weekday,
} from "./calendar/isoDate";
export type { CivilDate, Weekday } from "./calendar/isoDate";
export { TradingCalendar } from "./calendar/tradingCalendar";
export type { CalendarClosure, ExtraClosures, TradingCalendarOptions } from "./calendar/tradingCalendar";
export { SSE_CALENDAR_FIRST_YEAR, SSE_CALENDAR_LAST_YEAR, SSE_CLOSURES } from "./calendar/sseClosures.data";

export { BLACKOUT_RULES_2022, BLACKOUT_RULES_2024, blackoutRulePresets } from "./blackout/blackoutRules";
export type { BlackoutRuleSet } from "./blackout/blackoutRules";
export { blackoutsForPlan, compareBlackoutWindows, deriveBlackoutWindows } from "./blackout/blackoutWindows";
export type { BlackoutReason, BlackoutWindow, DisclosureEvent, DisclosureKind } from "./blackout/blackoutWindows";
export { describeBlackoutWindow } from "./blackout/describeBlackoutWindow";
export type { DomainLocale } from "./blackout/describeBlackoutWindow";
export { PreparedBlackouts, prepareBlackouts } from "./blackout/preparedBlackouts";

export { vestingWindow } from "./vesting/vestingWindow";
export type { VestingWindow } from "./vesting/vestingWindow";
export { parseTrancheRatios, splitTrancheQuantities } from "./vesting/trancheQuantities";
export { earliestVestingDate } from "./vesting/earliestVestingDate";
export type { EarliestVestingDate, EarliestVestingReason } from "./vesting/earliestVestingDate";
export { checkVestingDate } from "./vesting/vestingDateCheck";
export { DEFAULT_GRADE_TABLE, individualRatio, vestedQuantity } from "./vesting/appraisal";
export type { GradeTable, VestedQuantity } from "./vesting/appraisal";
export { deriveTranches } from "./vesting/deriveTranches";
export type {
  AdjustmentHistoryEntry,
  AppraisalInput,
  DerivedGrant,
  DerivedTranche,
  DeriveTranchesInput,
  LapseReason,
  TrancheArrangement,
  TrancheStatus,
  VestingEventInput,
} from "./vesting/deriveTranches";

export {
  adjustPrice,
  adjustQuantity,
  applyCorporateAction,
  validateCorporateAction,
} from "./adjustments/corporateActions";
export type {
  AdjustmentFlag,
  AdjustmentResult,
  CorporateActionInput,
  CorporateActionType,
} from "./adjustments/corporateActions";

export {
  MAX_VALIDITY_MONTHS,
  checkAllPlansCap,
  checkGrantCaps,
  checkPersonCap,
  checkPlanSetup,
  reserveDeadline,
  unallocatedReserveLapsed,
} from "./caps/planCaps";
export type { GrantCapsInput, PlanSetupInput, ReserveLapse } from "./caps/planCaps";
export {
  checkCapHoldings,
  existingHoldings,
  planCapQuantity,
  plansCapTotal,
  plansCountingOn,
} from "./caps/capHoldings";
export type {
  CapBatch,
  CapBatchTotal,
  CapCandidate,
  CapHolding,
  CapHoldingsInput,
  CapPlan,
  CapViolation,
} from "./caps/capHoldings";

export { isWithinValidity, planValidityEnd, validityLapseDate } from "./plans/planValidity";
export type { PlanValidityFacts } from "./plans/planValidity";
export {
  GRANTABLE_STATUSES,
  PLAN_STATUSES,
  PLAN_TRANSITIONS,
  TERMINAL_PLAN_STATUSES,
  allowedTransitions,
  canGrant,
  checkTransition,
  isPlanStatus,
  isTerminalPlanStatus,
  statusAfterGrant,
} from "./plans/planLifecycle";
export type { PlanStatus, TransitionViolation } from "./plans/planLifecycle";

export {
  MIN_PUBLICITY_DAYS,
  REMUNERATION_COMMITTEE_FROM,
  VERIFICATION_LEAD_DAYS,
  checkPublicityPeriod,
  checkVerification,
  checkVerificationFresh,
  isVerificationStale,
  verifyingBodyFor,
} from "./process/processRules";
export type { VerificationInput, VerifyingBody } from "./process/processRules";
