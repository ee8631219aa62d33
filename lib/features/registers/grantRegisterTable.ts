import "server-only";
import { decimalCell, integerCell, textCell, type RegisterCell } from "@/lib/domain/registers/registerCell";
import { batchLabel, grantStatusLabel, trancheStatusLabel } from "@/lib/domain/registers/registerLabels";
import type { GrantRegisterRow, RegisterTranche } from "@/lib/features/registers/grantRegisterQuery";

/** Spreadsheet number formats shared by the registers. */
export const NUM_FMT = { quantity: "#,##0", price: "0.00", ratio: "0.00##", percent: "0.00", wan: "0.00##" } as const;

/** Column headers: bilingual, fixed columns then one group of seven per tranche number. */
export function grantRegisterHeader(trancheCount: number): string[] {
  const tranche = (k: number) => [
    `第${k}期归属比例 T${k} ratio`,
    `第${k}期归属期起 T${k} window open`,
    `第${k}期归属期止 T${k} window close`,
    `第${k}期最早可归属日 T${k} earliest vesting date`,
    `第${k}期状态 T${k} status`,
    `第${k}期已归属 T${k} vested`,
    `第${k}期已作废 T${k} lapsed`,
  ];
  return [
    "计划 Plan",
    "批次 Batch",
    "授予日 Grant date",
    "工号 Employee no.",
    "姓名 Name",
    "职务 Position",
    "激励对象类别 Category",
    "国籍 Nationality",
    "证件号码 ID number",
    "授予数量 Granted quantity",
    "调整后数量 Current quantity",
    "授予价格 Grant price",
    "调整后授予价格 Adjusted grant price",
    ...Array.from({ length: trancheCount }, (_, i) => tranche(i + 1)).flat(),
    "已归属合计 Vested total",
    "已作废合计 Lapsed total",
    "未归属 Unvested",
    "授予状态 Grant status",
    "接受时间 Accepted at",
    "授予编号 Grant ID",
  ];
}

/** One grant as register cells; `idNumber` is either the masked or the decrypted number, decided by the caller. */
export function grantRegisterCells(row: GrantRegisterRow, trancheCount: number, idNumber: string): RegisterCell[] {
  // Built with pushes into one array: this runs for every grant of a 100k-grant register, where
  // Array.from(...).flat() and a Map per row cost more than writing the CSV itself.
  const cells: RegisterCell[] = [
    textCell(row.planName),
    textCell(batchLabel(row.batch)),
    textCell(row.grantDate),
    textCell(row.employeeNo),
    textCell(row.name),
    textCell(row.position),
    textCell(row.category),
    textCell(row.nationality),
    textCell(idNumber),
    integerCell(row.quantity),
    integerCell(row.adjustedQuantity),
    decimalCell(row.grantPrice, NUM_FMT.price),
    decimalCell(row.adjustedPrice, NUM_FMT.price),
  ];
  for (let k = 1; k <= trancheCount; k++) {
    const t = trancheNumbered(row.tranches, k);
    // A category with fewer tranches leaves its later groups empty rather than zero: there is no such tranche.
    if (t === undefined) cells.push(null, null, null, null, null, null, null);
    else
      cells.push(
        decimalCell(t.ratio, NUM_FMT.ratio),
        textCell(t.windowOpen),
        textCell(t.windowClose),
        textCell(t.earliest),
        textCell(trancheStatusLabel(t.status)),
        integerCell(t.vested),
        integerCell(t.lapsed),
      );
  }
  cells.push(
    integerCell(row.vested),
    integerCell(row.lapsed),
    integerCell(row.unvested),
    textCell(grantStatusLabel(row.grantStatus)),
    textCell(row.acceptedAt),
    textCell(row.grantId),
  );
  return cells;
}

/** Tranche number k: the query orders them by number, so it is usually at position k - 1. */
function trancheNumbered(tranches: readonly RegisterTranche[], k: number): RegisterTranche | undefined {
  const guess = tranches[k - 1];
  return guess !== undefined && guess.index === k ? guess : tranches.find((t) => t.index === k);
}
