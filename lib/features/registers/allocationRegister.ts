import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grantBatches, grants, persons } from "@/db/schema";
import { allocationTable, type AllocationRow } from "@/lib/domain/registers/allocationTable";
import { decimalCell, textCell, type RegisterCell } from "@/lib/domain/registers/registerCell";
import { NUM_FMT } from "@/lib/features/registers/grantRegisterTable";
import type { RegisterPlan } from "@/lib/features/registers/registerContext";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";

/** Column headers of the 激励对象名单及授予情况表. */
export const ALLOCATION_HEADER = [
  "姓名 Name",
  "国籍 Nationality",
  "职务 Position",
  "获授数量（万股）Granted (10,000 shares)",
  "占授予总量的比例（%）Share of total grant (%)",
  "占公告时股本总额的比例（%）Share of share capital at announcement (%)",
];

/**
 * The allocation table of one plan: its first grant by person plus the plan's reserve. The share
 * capital is the plan's own `shareCapitalAtAnnouncement`, not the share-capital history at the grant
 * date: the column is 占本激励计划公告时公司股本总额的比例, and the plan stores exactly the figure its
 * announcement divided by. One plan's first grant is a few thousand people at most, so it is read at once.
 */
export async function loadAllocationTable(db: Database, plan: RegisterPlan): Promise<AllocationRow[]> {
  const participants = await db
    .select({
      employeeNo: persons.employeeNo,
      name: persons.name,
      nationality: persons.nationality,
      position: persons.position,
      quantity: grants.quantity,
      isDirector: persons.isDirector,
      isSeniorManager: persons.isSeniorManager,
      isCoreTechnician: persons.isCoreTechnician,
      isForeign: persons.isForeign,
    })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .innerJoin(persons, eq(grants.personId, persons.id))
    // The first grant in force: a voided batch was never awarded (the grant register lists it as voided).
    .where(and(eq(grants.planId, plan.id), eq(grantBatches.batch, "first"), batchNotVoided(grantBatches.id)))
    .orderBy(asc(persons.employeeNo));
  return allocationTable({
    participants: participants.map((p) => ({ ...p, quantity: Number(p.quantity) })),
    reservedQuantity: plan.reservedQuantity,
    shareCapital: plan.shareCapitalAtAnnouncement,
  });
}

const regionNames = new Intl.DisplayNames(["zh-CN"], { type: "region" });

/** "JP" -> "日本 JP": the Chinese name the announcements print, with the stored code. */
export function nationalityLabel(code: string): string {
  try {
    const name = regionNames.of(code.toUpperCase());
    return name && name !== code ? `${name} ${code}` : code;
  } catch {
    return code;
  }
}

/** One allocation row as cells: quantities in 万股 and percentages as exact decimals. */
export function allocationCells(row: AllocationRow): RegisterCell[] {
  return [
    textCell(row.label),
    textCell(row.nationality === null ? null : nationalityLabel(row.nationality)),
    textCell(row.position),
    decimalCell(row.quantityWan, NUM_FMT.wan),
    decimalCell(row.percentOfGrant, NUM_FMT.percent),
    decimalCell(row.percentOfShareCapital, NUM_FMT.percent),
  ];
}
