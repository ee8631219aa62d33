import type { DisclosureKind } from "../blackout/blackoutWindows";

/** Why a tranche's shares lapsed (作废), as stored on the tranche and answered by the API. */
export const LAPSE_REASONS = ["appraisal", "left", "window_closed", "validity_ended", "voided", "waived"] as const;
export type LapseReasonCode = (typeof LAPSE_REASONS)[number];

/** Each lapse reason's text, as grantees and announcements read it (plan texts' 作废失效 clauses). */
export const LAPSE_REASON_TEXT: Readonly<Record<LapseReasonCode, { zh: string; en: string }>> = {
  appraisal: {
    zh: "公司层面或个人层面考核未达标，不得归属部分作废失效",
    en: "Not vested under the company or individual appraisal",
  },
  left: { zh: "激励对象离职，已获授尚未归属部分作废失效", en: "The grantee left; the unvested shares lapsed" },
  window_closed: { zh: "归属期届满未归属，作废失效", en: "The vesting window ended without vesting" },
  validity_ended: { zh: "激励计划有效期届满，尚未归属部分作废失效", en: "The plan's validity ended before vesting" },
  voided: { zh: "授予批次系误录，已作废", en: "The grant batch was recorded by mistake and voided" },
  waived: {
    zh: "激励对象未在缴款期限内缴纳认购款，视为自愿放弃，该部分作废失效",
    en: "The grantee did not pay for these shares by the payment deadline: waived (放弃) and lapsed",
  },
};

/** Why a tranche has no earliest vesting date yet (stored as these fixed phrases). */
export const EARLIEST_REASONS = [
  "no permissible day left in the window",
  "exchange calendar not yet published",
] as const;
export type EarliestReasonCode = (typeof EARLIEST_REASONS)[number];

export const EARLIEST_REASON_TEXT: Readonly<Record<EarliestReasonCode, { zh: string; en: string }>> = {
  "no permissible day left in the window": {
    zh: "归属期内已没有可归属的交易日（均处于窗口期或已届满）",
    en: "No permissible day is left in the window (every trading day is in a blackout or past)",
  },
  "exchange calendar not yet published": {
    zh: "上交所尚未公布该年度休市安排，暂无法确定可归属日",
    en: "The exchange has not yet published that year's closures, so the day cannot be fixed",
  },
};

/** Why a blackout window pushed a vesting day: the disclosure that opens it. */
export const DEFERRAL_KIND_TEXT: Readonly<Record<DisclosureKind, { zh: string; en: string }>> = {
  annual_report: { zh: "年度报告公告前", en: "Before the annual report" },
  semi_annual_report: { zh: "半年度报告公告前", en: "Before the semi-annual report" },
  q1_report: { zh: "一季度报告公告前", en: "Before the Q1 report" },
  q3_report: { zh: "三季度报告公告前", en: "Before the Q3 report" },
  performance_forecast: { zh: "业绩预告公告前", en: "Before the performance forecast" },
  performance_express: { zh: "业绩快报公告前", en: "Before the performance express" },
  major_event: {
    zh: "重大事件发生之日或进入决策程序之日至依法披露之日",
    en: "From a major event until its disclosure",
  },
  exchange_window: { zh: "中国证监会及上交所规定的其他期间", en: "Another period set by the CSRC or the exchange" },
};
