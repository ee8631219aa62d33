/**
 * Rule codes, the RuleError exception and human messages for the domain engine.
 *
 * Error convention (used by every module in lib/domain):
 * - Validators (`check*` functions) never throw for a broken business rule: they return a
 *   `RuleViolation[]`, empty when everything is fine, so a form can show every problem at once.
 * - Engine functions that cannot produce an answer (a corporate action that would push the price
 *   below par, ratios that do not add up, a date the exchange calendar does not cover yet) throw
 *   a `RuleError` carrying the same code and details.
 * - Malformed input that a schema layer should already have rejected (a string that is not an ISO
 *   date, a negative or fractional share count) throws a plain `RangeError`: it is a programming
 *   error, not a rule the user can fix.
 */

/** Machine-readable code of a business rule that was broken. */
export type RuleCode =
  | "NOT_A_TRADING_DAY"
  | "IN_BLACKOUT"
  | "OUTSIDE_WINDOW"
  | "AFTER_VALIDITY_END"
  | "CALENDAR_NOT_PUBLISHED"
  | "CAP_PERSON_EXCEEDED"
  | "CAP_TOTAL_EXCEEDED"
  | "RESERVE_EXCEEDED"
  | "RESERVE_DEADLINE_PASSED"
  | "VALIDITY_TOO_LONG"
  | "PLAN_TOTAL_MISMATCH"
  | "PUBLICITY_TOO_SHORT"
  | "PUBLICITY_NOT_ENDED"
  | "VERIFICATION_TOO_LATE"
  | "VERIFICATION_STALE"
  | "PRICE_BELOW_PAR"
  | "INVALID_ADJUSTMENT"
  | "INVALID_RATIOS"
  | "INVALID_FAIR_VALUE_INPUTS"
  | "GRANT_BEFORE_GENERAL_MEETING"
  | "GRANT_BEFORE_BOARD_RESOLUTION"
  | "FIRST_GRANT_TOO_LATE"
  | "PUBLICITY_NOT_CLOSED"
  | "VERIFICATION_NOT_DISCLOSED"
  | "VERIFICATION_IN_FUTURE"
  | "LEAVE_BEFORE_GRANT"
  | "DEPARTURE_NOT_IN_FORCE"
  | "DEPARTURE_UNCHANGED"
  | "LEAVE_DATE_CHANGES_VESTED"
  | "TRANCHE_AFTER_VALIDITY"
  | "RESERVED_TRANCHE_AFTER_VALIDITY"
  | "CATEGORY_ARRANGEMENT_LOCKED"
  | "CATEGORY_HAS_GRANTS"
  | "GENERAL_MEETING_DATE_MISMATCH"
  | "GENERAL_MEETING_DATE_LOCKED"
  | "GENERAL_MEETING_DATE_UNCHANGED"
  | "EX_DATE_NOT_TRADING_DAY"
  | "LARGE_RATIO_UNCONFIRMED"
  | "ID_NUMBER_INVALID"
  | "ID_NUMBER_CHECK_DIGIT"
  | "BATCH_HAS_VESTED_TRANCHES"
  | "PAYMENT_DUPLICATE_ROW"
  | "PAYMENT_UNKNOWN_REFERENCE"
  | "PAYMENT_OVERPAID"
  | "PAYMENT_AMOUNT_INVALID"
  | "PAYMENT_AFTER_DEADLINE"
  | "PAYMENT_WINDOW_INVALID"
  | "PAYMENT_AFTER_REGISTRATION"
  | "PAYMENT_DATE_INVALID"
  | "PAYMENT_IN_FUTURE"
  | "PAYMENT_NEGATIVE_TOTAL";

/** Structured, JSON-serialisable context of a violation (limits, offending dates, windows...). */
export type RuleDetails = Readonly<Record<string, unknown>>;

/** One broken rule as returned by validators. */
export type RuleViolation = {
  readonly code: RuleCode;
  /** English message; pages read the code's text in the reader's language from the error-code table. */
  readonly message: string;
  readonly details: RuleDetails;
};

/**
 * Short English and Simplified Chinese message for each rule code: the one source of these texts, which
 * the application's error-code table (lib/platform/errors/errorCodes.ts) takes over with status 422.
 */
export const ruleMessages: Readonly<Record<RuleCode, { readonly en: string; readonly zh: string }>> = {
  NOT_A_TRADING_DAY: {
    en: "{date} is not an SSE trading day. Next permissible vesting day (a trading day outside blackout windows, in the window): {next}.",
    zh: "{date}不是上海证券交易所交易日。下一个可归属日（交易日且不在不得归属期间内、处于归属期内）：{next}。",
  },
  IN_BLACKOUT: {
    en: "{date} falls in a period in which shares may not vest. Next trading day outside blackout windows: {next}.",
    zh: "{date}处于不得归属的期间内。下一个不在不得归属期间内的交易日：{next}。",
  },
  OUTSIDE_WINDOW: {
    en: "{date} is outside the tranche's vesting period ({open} to {close}). Next permissible vesting day: {next}.",
    zh: "{date}不在本批次的归属期内（{open}至{close}）。下一个可归属日：{next}。",
  },
  AFTER_VALIDITY_END: {
    en: "The date is after the end of the plan's validity period.",
    zh: "该日期晚于激励计划有效期届满日。",
  },
  CALENDAR_NOT_PUBLISHED: {
    en: "The exchange calendar for that year has not been published yet.",
    zh: "交易所尚未公布该年度的休市安排。",
  },
  CAP_PERSON_EXCEEDED: {
    en: "One participant's awards under all valid plans would exceed 1% of the share capital.",
    zh: "单个激励对象通过全部有效期内的激励计划获授的股票累计将超过公司股本总额的1%。",
  },
  CAP_TOTAL_EXCEEDED: {
    en: "Shares under all valid plans would exceed 20% of the share capital.",
    zh: "全部在有效期内的激励计划所涉及的股票总数将超过公司股本总额的20%。",
  },
  RESERVE_EXCEEDED: {
    en: "The reserved awards exceed their limit.",
    zh: "预留权益超出限额。",
  },
  RESERVE_DEADLINE_PASSED: {
    en: "Reserved awards must be granted within 12 months after the general meeting approved the plan.",
    zh: "预留权益须在股东会审议通过激励计划后12个月内授出。",
  },
  VALIDITY_TOO_LONG: {
    en: "The plan's validity period exceeds 10 years (120 months).",
    zh: "激励计划有效期超过10年（120个月）。",
  },
  PLAN_TOTAL_MISMATCH: {
    en: "The first grant plus the reserve must equal the plan's total.",
    zh: "首次授予数量与预留数量之和须等于激励计划拟授予总量。",
  },
  PUBLICITY_TOO_SHORT: {
    en: "The participant list must be publicised for at least 10 days.",
    zh: "激励对象名单公示期不得少于10天。",
  },
  PUBLICITY_NOT_ENDED: {
    en: "The verification opinion can only be disclosed after the publicity period has ended.",
    zh: "公示期结束后方可披露核查意见。",
  },
  VERIFICATION_TOO_LATE: {
    en: "The verification opinion must be disclosed at least 5 days before the general meeting.",
    zh: "核查意见须在股东会召开前5日披露。",
  },
  VERIFICATION_STALE: {
    en: "The participant list changed after it was verified.",
    zh: "激励对象名单在核查后发生了变更。",
  },
  PRICE_BELOW_PAR: {
    en: "The adjusted grant price would be below the par value.",
    zh: "调整后的授予价格将低于股票面值。",
  },
  INVALID_ADJUSTMENT: {
    en: "The corporate action's parameters are missing or invalid.",
    zh: "权益分派或股本变动的调整参数缺失或无效。",
  },
  INVALID_RATIOS: {
    en: "The ratios are invalid.",
    zh: "比例设置无效。",
  },
  GRANT_BEFORE_GENERAL_MEETING: {
    en: "A grant (and the board resolution deciding it) comes on or after the general meeting that approved the plan ({generalMeetingDate}): the earliest grant date is {earliest}.",
    zh: "授予日及审议授予事项的董事会决议日不得早于股东大会审议通过激励计划之日（{generalMeetingDate}），最早可于{earliest}授予。",
  },
  GRANT_BEFORE_BOARD_RESOLUTION: {
    en: "The grant date {grantDate} is before the board resolution of {boardResolutionDate} that decided it.",
    zh: "授予日{grantDate}早于审议授予事项的董事会决议日{boardResolutionDate}。",
  },
  FIRST_GRANT_TOO_LATE: {
    en: "The first grant must be made within {days} days after the general meeting of {generalMeetingDate}, by {deadline}; {grantDate} is too late.",
    zh: "首次授予须在股东大会审议通过后{days}日内（{deadline}前）完成，授予日{grantDate}已逾期。",
  },
  PUBLICITY_NOT_CLOSED: {
    en: "The publicity of the participant list (to {publicityEndDate}) has not been closed: close it and record how it went before granting.",
    zh: "激励对象名单公示（至{publicityEndDate}）尚未结束并登记公示情况，不得授予。",
  },
  VERIFICATION_NOT_DISCLOSED: {
    en: "The verification opinion on the granted list must be disclosed before the grant (disclosed: {disclosureDate}; grant date: {grantDate}).",
    zh: "授予前须披露对本次授予激励对象名单的核查意见（核查意见披露日：{disclosureDate}；授予日：{grantDate}）。",
  },
  VERIFICATION_IN_FUTURE: {
    en: "The verification's date {date} is after today ({today}): record the opinion once it has been given and disclosed.",
    zh: "核查意见的日期{date}晚于今日（{today}），请在出具并披露后再登记。",
  },
  EX_DATE_NOT_TRADING_DAY: {
    en: "The ex-date {exDate} is not an SSE trading day: the next trading day is {next}.",
    zh: "除权除息日{exDate}不是上交所交易日，下一个交易日为{next}。",
  },
  LARGE_RATIO_UNCONFIRMED: {
    en: "n = {n} multiplies every unvested quantity by {factor} (ratio {ratio}, {perTen} extra shares per 10 shares). n is per share: a conversion of 4 shares per 10 is n = 0.4, so a value entered per 10 shares should be {intendedN}. If {ratio} is right, confirm it (confirmLargeRatio: true).",
    zh: "n = {n} 将使每笔未归属数量乘以{factor}（比例{ratio}，即每10股转增或送{perTen}股）。n 按每股计：每10股转增4股应填 n = 0.4，如按每10股填写应为{intendedN}。如比例{ratio}无误，请确认（confirmLargeRatio: true）。",
  },
  TRANCHE_AFTER_VALIDITY: {
    en: "Tranche {tranche} of category {categoryCode} ends {endMonths} months after the grant, beyond the plan's validity of {validityMonths} months.",
    zh: "第{categoryCode}类激励对象第{tranche}个归属期于授予后{endMonths}个月届满，超出激励计划{validityMonths}个月的有效期。",
  },
  RESERVED_TRANCHE_AFTER_VALIDITY: {
    en: "Tranche {tranche} of category {categoryCode}, granted on {grantDate}, would end on {windowEnd}, after the plan's validity ends on {validityEnd} ({validityMonths} months from the first grant on {firstGrantDate}).",
    zh: "于{grantDate}授予的第{categoryCode}类激励对象第{tranche}个归属期将于{windowEnd}届满，晚于激励计划有效期届满日{validityEnd}（自首次授予日{firstGrantDate}起{validityMonths}个月）。",
  },
  CATEGORY_ARRANGEMENT_LOCKED: {
    en: "Category {categoryCode} already has {grants} grant(s): its vesting arrangement can no longer change (its name still can).",
    zh: "第{categoryCode}类激励对象已有{grants}笔授予，其归属安排不能再修改（名称仍可修改）。",
  },
  CATEGORY_HAS_GRANTS: {
    en: "Category {categoryCode} has {grants} grant(s) and cannot be removed.",
    zh: "第{categoryCode}类激励对象已有{grants}笔授予，不能删除。",
  },
  GENERAL_MEETING_DATE_MISMATCH: {
    en: "The general meeting date {given} differs from the plan's general meeting date {generalMeetingDate}. Change the plan's meeting date explicitly first (on the plan page, with a reason).",
    zh: "所填股东会日期{given}与本计划已登记的股东会日期{generalMeetingDate}不一致。请先在计划页面明确修改股东会日期（须说明原因）。",
  },
  GENERAL_MEETING_DATE_LOCKED: {
    en: "The plan has grants (the earliest on {grantDate}), checked against the general meeting of {generalMeetingDate}: its meeting date can no longer change to {requested}.",
    zh: "本计划已有授予（最早于{grantDate}），其授予日已按{generalMeetingDate}的股东会核对，股东会日期不能再改为{requested}。",
  },
  GENERAL_MEETING_DATE_UNCHANGED: {
    en: "The plan's general meeting date is already {generalMeetingDate}.",
    zh: "本计划的股东会日期已是{generalMeetingDate}。",
  },
  ID_NUMBER_INVALID: {
    en: "The ID number does not have the format of the chosen document type.",
    zh: "证件号码不符合所选证件类型的格式。",
  },
  ID_NUMBER_CHECK_DIGIT: {
    en: "The ID number's check digit is wrong: by GB 11643 the last character should be {expected}.",
    zh: "证件号码校验位有误：按GB 11643，最后一位应为{expected}。",
  },
  BATCH_HAS_VESTED_TRANCHES: {
    en: "{vestedTranches} tranche(s) of this batch have vested ({vestedShares} shares): a batch can only be voided before any of its tranches vests. Reverse those vesting runs first.",
    zh: "本批次已有{vestedTranches}个归属期完成归属（共{vestedShares}股），只能在任何归属期归属之前作废授予批次，请先撤销相应的归属办理。",
  },
  LEAVE_BEFORE_GRANT: {
    en: "The leave date {leaveDate} is before the person's first grant ({grantDate}).",
    zh: "离职日期{leaveDate}早于该人员的首次获授日期{grantDate}。",
  },
  DEPARTURE_NOT_IN_FORCE: {
    en: "{employeeNo} has no departure in force: there is nothing to correct or withdraw.",
    zh: "{employeeNo}没有有效的离职登记，无可更正或撤销的内容。",
  },
  DEPARTURE_UNCHANGED: {
    en: "The correction changes nothing: the departure in force already has leave date {leaveDate} and reason {reason}.",
    zh: "更正内容与现行离职登记相同（离职日期{leaveDate}，原因{reason}），未作任何变更。",
  },
  LEAVE_DATE_CHANGES_VESTED: {
    en: "The vesting run of {vestingDate} settled tranche {tranche} at {vestedBefore} vested shares; this leave date would make it {vestedAfter}. A leave date only decides what is still unvested: reverse that vesting run first.",
    zh: "第{tranche}个归属期已于{vestingDate}办理归属，归属{vestedBefore}股；该离职日期将使其变为{vestedAfter}股。离职日期只影响尚未归属的部分，请先撤销该次归属办理。",
  },
  INVALID_FAIR_VALUE_INPUTS: {
    en: "The fair-value inputs are out of range (prices above 0, term up to 10 years, volatility up to 500 %).",
    zh: "公允价值测算参数超出范围（股价和授予价格须大于0，期限不超过10年，波动率不超过500%）。",
  },
  PAYMENT_DUPLICATE_ROW: {
    en: "Duplicate payment (transaction {transactionId}, {amount} on {date}): it repeats row {firstLine} of this file or a payment already recorded.",
    zh: "重复的付款（交易流水号{transactionId}，{date}，金额{amount}元）：与本文件第{firstLine}行或已登记的付款重复。",
  },
  PAYMENT_UNKNOWN_REFERENCE: {
    en: "No single grantee of this vesting batch matches the reference {reference} or the employee no. {employeeNo}.",
    zh: "本归属批次中没有唯一的激励对象与付款附言{reference}或工号{employeeNo}相符。",
  },
  PAYMENT_OVERPAID: {
    en: "Payments for {employeeNo} would total {paid}, {excess} more than the {due} due.",
    zh: "{employeeNo}的缴款合计将为{paid}元，超出应缴金额{due}元{excess}元。",
  },
  PAYMENT_AMOUNT_INVALID: {
    en: "The amount {amount} is not a positive amount in yuan with at most 2 decimals.",
    zh: "金额{amount}无效：须为大于0、最多两位小数的人民币金额。",
  },
  PAYMENT_AFTER_DEADLINE: {
    en: "The payment of {date} arrived after the payment deadline {deadline}.",
    zh: "该笔付款日期{date}晚于缴款截止日{deadline}。",
  },
  PAYMENT_WINDOW_INVALID: {
    en: "The payment deadline {deadline} is before the payment start {start}.",
    zh: "缴款截止日{deadline}早于缴款开始日{start}。",
  },
  PAYMENT_AFTER_REGISTRATION: {
    en: "The payment deadline {deadline} must be before the planned registration date {registrationDate}: the money arrives before the capital verification and the registration.",
    zh: "缴款截止日{deadline}须早于拟登记日{registrationDate}：款项须在验资及向中国结算申请登记之前到账。",
  },
  PAYMENT_DATE_INVALID: {
    en: "The value date {date} is not a date (use yyyy-mm-dd, yyyy/mm/dd or yyyymmdd).",
    zh: "到账日期“{date}”不是有效日期（请使用 yyyy-mm-dd、yyyy/mm/dd 或 yyyymmdd）。",
  },
  PAYMENT_IN_FUTURE: {
    en: "The payment is dated {date}, after today {today}.",
    zh: "缴款日期{date}晚于今天（{today}）。",
  },
  PAYMENT_NEGATIVE_TOTAL: {
    en: "After this correction {employeeNo} would have paid {total} in total: a correction cannot take back more than was recorded.",
    zh: "冲正后{employeeNo}的累计缴款将为{total}元：冲正金额不能超过已登记的缴款。",
  },
};

/** Exception thrown by engine functions that cannot proceed because a rule is broken. */
export class RuleError extends Error {
  readonly code: RuleCode;
  readonly details: RuleDetails;

  constructor(code: RuleCode, details: RuleDetails = {}, message?: string) {
    super(message ?? withDetails(ruleMessages[code].en, details));
    this.name = "RuleError";
    this.code = code;
    this.details = details;
  }

  /** The same problem as a validator result, for callers that collect violations. */
  toViolation(): RuleViolation {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Builds a violation with the standard English message, its {placeholders} filled from the details. */
export function violation(code: RuleCode, details: RuleDetails = {}): RuleViolation {
  return { code, message: withDetails(ruleMessages[code].en, details), details };
}

/**
 * A message's {name} placeholders filled from a violation's details (the dates and numbers that make
 * it actionable); a detail that is absent or null reads "—".
 */
export function withDetails(text: string, details: RuleDetails | null | undefined): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = details?.[key];
    return value === null || value === undefined ? "—" : String(value);
  });
}

/** True when `e` is a RuleError (optionally with the given code). */
export function isRuleError(e: unknown, code?: RuleCode): e is RuleError {
  return e instanceof RuleError && (code === undefined || e.code === code);
}
