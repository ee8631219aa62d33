import "server-only";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { groupBy } from "@/lib/collections/groupBy";
import type { Database } from "@/db/client";
import { adjustmentRecords, appraisalResults, companyAppraisals, corporateActions, grantBatches, grants, participantCategories, persons, plans, tranches, type DeferralRecord } from "@/db/schema";

/** A tranche as the API and pages show it. */
export interface TrancheDto {
  index: number;
  ratio: string;
  plannedQuantity: number;
  windowOpen: string | null;
  windowClose: string | null;
  earliestVestingDate: string | null;
  earliestReason: string | null;
  deferredBy: DeferralRecord[];
  status: "pending" | "vestable" | "vested" | "lapsed";
  vestedQuantity: number;
  lapsedQuantity: number;
  vestingDate: string | null;
  lapseReason: string | null;
  /** The appraisal of this period, once recorded: individual grade with its ratio, and the company ratio. */
  appraisal: { fiscalYear: number; grade: string; individualRatio: string | null; companyRatio: string | null } | null;
}

/** A grant as the API contract (#3) names it, plus display names. */
export interface GrantDto {
  id: string;
  planId: string;
  planName: string;
  planNameEn: string;
  personId: string;
  employeeNo: string;
  personName: string;
  batch: "first" | "reserved";
  categoryId: string;
  categoryName: string;
  categoryNameEn: string;
  grantDate: string;
  grantPrice: string;
  originalGrantPrice: string;
  quantity: number;
  originalQuantity: number;
  acceptedAt: string | null;
  adjustments: { date: string; type: string; priceBefore: string; priceAfter: string; quantityBefore: number; quantityAfter: number }[];
  tranches: TrancheDto[];
}

/** Loads grants matching the filter with their tranches and adjustment history, in a fixed order. */
export async function loadGrants(db: Database, where: SQL | undefined): Promise<GrantDto[]> {
  const rows = await db
    .select({
      id: grants.id,
      planId: grants.planId,
      planName: plans.name,
      planNameEn: plans.nameEn,
      personId: grants.personId,
      employeeNo: persons.employeeNo,
      personName: persons.name,
      batch: grantBatches.batch,
      batchId: grants.batchId,
      gradeTable: plans.gradeTable,
      categoryId: grants.categoryId,
      categoryName: participantCategories.name,
      categoryNameEn: participantCategories.nameEn,
      grantDate: grantBatches.grantDate,
      originalGrantPrice: grantBatches.grantPrice,
      grantPrice: grants.adjustedPrice,
      quantity: grants.adjustedQuantity,
      originalQuantity: grants.quantity,
      acceptedAt: grants.acceptedAt,
    })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .innerJoin(plans, eq(grants.planId, plans.id))
    .innerJoin(persons, eq(grants.personId, persons.id))
    .innerJoin(participantCategories, eq(grants.categoryId, participantCategories.id))
    .where(where)
    .orderBy(asc(grantBatches.grantDate), asc(persons.employeeNo));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [trancheRows, adjustmentRows, appraisalRows] = await Promise.all([
    db.select().from(tranches).where(inArray(tranches.grantId, ids)).orderBy(asc(tranches.grantId), asc(tranches.trancheIndex)),
    db
      .select({ grantId: adjustmentRecords.grantId, date: corporateActions.exDate, type: corporateActions.type, priceBefore: adjustmentRecords.priceBefore, priceAfter: adjustmentRecords.priceAfter, quantityBefore: adjustmentRecords.quantityBefore, quantityAfter: adjustmentRecords.quantityAfter })
      .from(adjustmentRecords)
      .innerJoin(corporateActions, eq(adjustmentRecords.corporateActionId, corporateActions.id))
      .where(inArray(adjustmentRecords.grantId, ids))
      .orderBy(asc(corporateActions.exDate)),
    db
      .select({ grantId: appraisalResults.grantId, trancheIndex: appraisalResults.trancheIndex, fiscalYear: appraisalResults.fiscalYear, grade: appraisalResults.grade, companyRatio: companyAppraisals.companyRatio })
      .from(appraisalResults)
      .innerJoin(grants, eq(appraisalResults.grantId, grants.id))
      .leftJoin(companyAppraisals, and(eq(companyAppraisals.batchId, grants.batchId), eq(companyAppraisals.categoryId, grants.categoryId), eq(companyAppraisals.trancheIndex, appraisalResults.trancheIndex)))
      .where(inArray(appraisalResults.grantId, ids)),
  ]);
  const appraisalByTranche = new Map(appraisalRows.map((a) => [`${a.grantId}/${a.trancheIndex}`, a]));
  const tranchesByGrant = groupBy(trancheRows, (t) => t.grantId);
  const adjustmentsByGrant = groupBy(adjustmentRows, (a) => a.grantId);
  return rows.map(({ batchId: _batchId, gradeTable, ...r }) => ({
    ...r,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    adjustments: (adjustmentsByGrant.get(r.id) ?? []).map(({ grantId: _g, ...a }) => a),
    tranches: (tranchesByGrant.get(r.id) ?? []).map((t) => ({
      index: t.trancheIndex,
      ratio: trimRatio(t.ratio),
      plannedQuantity: t.plannedQuantity,
      windowOpen: t.windowOpen,
      windowClose: t.windowClose,
      earliestVestingDate: t.earliestVestingDate,
      earliestReason: t.earliestReason,
      deferredBy: t.deferredBy,
      status: t.status,
      vestedQuantity: t.vestedQuantity,
      lapsedQuantity: t.lapsedQuantity,
      vestingDate: t.vestingDate,
      lapseReason: t.lapseReason,
      appraisal: appraisalOf(appraisalByTranche.get(`${r.id}/${t.trancheIndex}`), gradeTable),
    })),
  }));
}

/** Grants of one person. */
export function grantsOfPerson(db: Database, personId: string) {
  return loadGrants(db, eq(grants.personId, personId));
}

function appraisalOf(a: { fiscalYear: number; grade: string; companyRatio: string | null } | undefined, gradeTable: Record<string, string>): TrancheDto["appraisal"] {
  if (!a) return null;
  return { fiscalYear: a.fiscalYear, grade: a.grade, individualRatio: gradeTable[a.grade] ?? null, companyRatio: a.companyRatio === null ? null : trimRatio(a.companyRatio) };
}

/** One grant, optionally only if it belongs to the person. */
export async function grantById(db: Database, grantId: string, personId?: string): Promise<GrantDto | null> {
  const cond = personId ? and(eq(grants.id, grantId), eq(grants.personId, personId)) : eq(grants.id, grantId);
  return (await loadGrants(db, cond))[0] ?? null;
}

/** Totals over a list of grants: granted (adjusted), vested, lapsed and still unvested. */
export function grantTotals(list: GrantDto[]) {
  let granted = 0, vested = 0, lapsed = 0;
  for (const g of list) {
    granted += g.quantity;
    for (const t of g.tranches) {
      vested += t.vestedQuantity;
      lapsed += t.lapsedQuantity;
    }
  }
  return { granted, vested, lapsed, unvested: granted - vested - lapsed };
}

/** "0.3300" -> "0.33": ratios are exact decimals shown without trailing zeros. */
export function trimRatio(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}
