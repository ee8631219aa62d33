// Registers are read by auditors and regulators in Chinese and by the group in English: every coded
// value is written as "中文 code", readable to both and still filterable by the code.

const BATCH: Record<string, string> = { first: "首次授予 first", reserved: "预留授予 reserved" };
const TRANCHE_STATUS: Record<string, string> = {
  pending: "未到期 pending",
  vestable: "可归属 vestable",
  vested: "已归属 vested",
  lapsed: "已作废 lapsed",
};
const GRANT_STATUS: Record<string, string> = {
  outstanding: "存续 outstanding",
  vested: "全部归属 vested",
  lapsed: "全部作废 lapsed",
  settled: "已结清 settled",
  voided: "授予已作废 voided",
};
const LAPSE_REASON: Record<string, string> = {
  appraisal: "考核未达标 appraisal",
  left: "离职 left",
  window_closed: "归属期届满 window_closed",
  validity_ended: "有效期届满 validity_ended",
  voided: "授予批次作废 voided",
};

/** "首次授予 first" / "预留授予 reserved". */
export const batchLabel = (batch: string): string => BATCH[batch] ?? batch;
/** A tranche status with its Chinese name. */
export const trancheStatusLabel = (status: string): string => TRANCHE_STATUS[status] ?? status;
/** A grant status (outstanding, vested, lapsed, settled) with its Chinese name. */
export const grantStatusLabel = (status: string): string => GRANT_STATUS[status] ?? status;
/** A lapse reason with its Chinese name; null stays null. */
export const lapseReasonLabel = (reason: string | null): string | null =>
  reason === null ? null : (LAPSE_REASON[reason] ?? reason);
