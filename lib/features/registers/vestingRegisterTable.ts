import "server-only";
import Decimal from "decimal.js";
import type { CorporateActionInput } from "@/lib/domain/adjustments/corporateActions";
import { Dec } from "@/lib/domain/numeric/decimal";
import { decimalCell, integerCell, textCell, type RegisterCell } from "@/lib/domain/registers/registerCell";
import { batchLabel, lapseReasonLabel, trancheStatusLabel } from "@/lib/domain/registers/registerLabels";
import { priceAtVesting } from "@/lib/domain/registers/priceAtVesting";
import { trancheOutcomeDate } from "@/lib/domain/registers/trancheOutcomeDate";
import { trimDecimal } from "@/lib/domain/numeric/decimal";
import { NUM_FMT } from "@/lib/features/registers/grantRegisterTable";
import type { RegisterContext } from "@/lib/features/registers/registerContext";
import type { VestingRegisterRow } from "@/lib/features/registers/vestingRegisterQuery";

/** Column headers of the vesting and lapse register. */
export const VESTING_REGISTER_HEADER = [
  "计划 Plan",
  "批次 Batch",
  "工号 Employee no.",
  "姓名 Name",
  "归属期 Tranche",
  "结果 Outcome",
  "归属/作废日期 Vesting or lapse date",
  "计划归属数量 Planned quantity",
  "公司层面归属比例 Company ratio",
  "个人考核结果 Grade",
  "个人层面归属比例 Individual ratio",
  "归属数量 Vested quantity",
  "作废数量 Lapsed quantity",
  "作废原因 Lapse reason",
  "每股缴款价格 Price paid per share",
  "缴款金额 Amount paid",
  "授予编号 Grant ID",
];

/** What a tranche outcome was paid: the price per share at registration and the total, both exact; null without vested shares. */
export function pricePaid(
  row: { vested: number; vestingDate: string | null; grantPrice: string; grantDate: string },
  actions: readonly CorporateActionInput[],
) {
  if (row.vested === 0 || row.vestingDate === null) return null;
  const perShare = priceAtVesting(row.grantPrice, row.grantDate, row.vestingDate, actions);
  return { perShare, amount: new Dec(perShare).times(row.vested).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) };
}

/** One tranche outcome as register cells. */
export function vestingRegisterCells(row: VestingRegisterRow, ctx: RegisterContext): RegisterCell[] {
  const plan = ctx.plans.get(row.planId);
  const date = trancheOutcomeDate(row, {
    leaveDate: row.leaveDate,
    planFirstGrantDate: plan?.firstGrantDate ?? null,
    validityMonths: plan?.validityMonths ?? 0,
  });
  const paid = pricePaid(row, ctx.actionsByIssuer.get(plan?.issuerId ?? "") ?? []);
  return [
    textCell(row.planName),
    textCell(batchLabel(row.batch)),
    textCell(row.employeeNo),
    textCell(row.name),
    integerCell(row.trancheIndex),
    textCell(trancheStatusLabel(row.status)),
    textCell(date),
    integerCell(row.planned),
    decimalCell(row.companyRatio === null ? null : trimDecimal(row.companyRatio), NUM_FMT.ratio),
    textCell(row.grade),
    decimalCell(row.individualRatio, NUM_FMT.ratio),
    integerCell(row.vested),
    integerCell(row.lapsed),
    textCell(lapseReasonLabel(row.lapseReason)),
    decimalCell(paid?.perShare, NUM_FMT.price),
    decimalCell(paid?.amount, NUM_FMT.price),
    textCell(row.grantId),
  ];
}
