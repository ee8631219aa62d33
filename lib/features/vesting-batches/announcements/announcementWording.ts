import "server-only";
import { parseIsoDate } from "@/lib/domain/calendar/isoDate";
import { Dec } from "@/lib/domain/numeric/decimal";

/**
 * How the announcements write their figures and names, in the forms SSE disclosures use: 4,524股,
 * 89,032.32元, 2025年6月20日, 第一个归属期, 首次授予部分. Only formatting: every number comes from
 * lib/domain/vesting/announcementFigures.
 */

/** "4524" → "4,524"; "89032.32" → "89,032.32"; a minus sign is kept. */
export function grouped(value: number | string): string {
  const [int, frac] = String(value).split(".");
  const sign = int!.startsWith("-") ? "-" : "";
  const digits = int!.replace(/^-/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${digits}${frac === undefined ? "" : `.${frac}`}`;
}

/** "2025-06-20" → "2025年6月20日"; null leaves a blank to fill in. */
export function zhDate(iso: string | null): string {
  if (iso === null) return "【待填】";
  const d = parseIsoDate(iso);
  return `${d.year}年${d.month}月${d.day}日`;
}

/** A company-level ratio "0.8550" as "85.5%"; null (not confirmed yet) as a blank. */
export function percent(ratio: string | null): string {
  if (ratio === null) return "【待确认】";
  return `${new Dec(ratio).times(100).toDecimalPlaces(2).toString()}%`;
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (tranche numbers and batch numbers are small). */
export function zhNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

const GRANT_BATCH_KIND: Record<string, string> = { first: "首次授予", reserved: "预留授予" };
/** "首次授予" / "预留授予"; an unknown kind as is. */
export const grantBatchKindText = (kind: string): string => GRANT_BATCH_KIND[kind] ?? kind;

/**
 * The periods a batch covers as the title names them: "第一个归属期" when only first grants vest,
 * otherwise each grant batch with its part ("首次授予部分第二个归属期及预留授予部分第一个归属期").
 */
export function periodPhrase(periods: readonly { grantBatchKind: string; trancheIndex: number }[]): string {
  const byKind = new Map<string, number[]>();
  const rank = (kind: string) => (kind === "first" ? 0 : kind === "reserved" ? 1 : 2);
  for (const p of [...periods].sort((a, b) => rank(a.grantBatchKind) - rank(b.grantBatchKind))) {
    const tranches = byKind.get(p.grantBatchKind) ?? [];
    if (!tranches.includes(p.trancheIndex)) tranches.push(p.trancheIndex);
    byKind.set(p.grantBatchKind, tranches);
  }
  const tranches = (list: number[]) =>
    `${[...list]
      .sort((a, b) => a - b)
      .map((t) => `第${zhNumber(t)}个`)
      .join("、")}归属期`;
  if (byKind.size === 1 && byKind.has("first")) return tranches(byKind.get("first")!);
  return [...byKind].map(([kind, list]) => `${grantBatchKindText(kind)}部分${tranches(list)}`).join("及");
}

/** 董事、高级管理人员 as the table's 职务 column says it (the title itself is not recorded). */
export function positionText(p: { isDirector: boolean; isSeniorManager: boolean }): string {
  if (p.isDirector && p.isSeniorManager) return "董事、高级管理人员";
  return p.isDirector ? "董事" : "高级管理人员";
}

/** Short names of the lapse reasons for the 作废 table; the long clause is LAPSE_REASON_TEXT. */
const LAPSE_REASON_SHORT: Record<string, string> = {
  left: "激励对象离职",
  appraisal: "考核结果未达到全部归属条件",
  waived: "激励对象未缴款（自愿放弃）",
  voided: "授予批次作废",
  window_closed: "归属期届满未归属",
  validity_ended: "激励计划有效期届满",
};
export const lapseReasonShort = (reason: string): string => LAPSE_REASON_SHORT[reason] ?? reason;

/** Corporate actions by the names the board's resolutions use (messages' actionType, zh-CN). */
const ACTION_KIND: Record<string, string> = {
  capitalisation: "资本公积转增股本",
  bonus: "派送股票红利",
  split: "股份拆细",
  rights: "配股",
  consolidation: "缩股",
  dividend: "派息",
  dividend_bonus: "派息并送股",
  issuance: "增发",
};
export const actionKindText = (kind: string): string => ACTION_KIND[kind] ?? kind;

/** Where the shares come from, as the plan texts say it. */
export const shareSourceText = (source: "new_issue" | "buyback"): string =>
  source === "new_issue"
    ? "公司向激励对象定向发行的本公司人民币A股普通股股票"
    : "公司从二级市场回购的本公司人民币A股普通股股票";
