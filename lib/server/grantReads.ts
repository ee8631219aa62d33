import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { preparedStatement } from "./preparedStatement";
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

/**
 * Loads grants matching the filter with their tranches, appraisals and adjustment history, in a fixed
 * order. One round trip: tranches and adjustments come back as JSON arrays built by correlated
 * subqueries, because per-request query count, not query cost, dominates the grantee pages' time.
 */
export async function loadGrants(db: Database, where: SQL | undefined): Promise<GrantDto[]> {
  return toGrantDtos(await grantRows(db, where));
}

/** Grants of one person: the grantee pages' query, prepared once. */
export async function grantsOfPerson(db: Database, personId: string): Promise<GrantDto[]> {
  return toGrantDtos(await grantsOfPersonQuery(db).execute({ personId }));
}

const grantsOfPersonQuery = preparedStatement((db) => grantRows(db, eq(grants.personId, sql.placeholder("personId"))).prepare("vd_grants_of_person"));

function grantRows(db: Database, where: SQL | undefined) {
  return db
    .select({
      id: grants.id,
      planId: grants.planId,
      planName: plans.name,
      planNameEn: plans.nameEn,
      personId: grants.personId,
      employeeNo: persons.employeeNo,
      personName: persons.name,
      batch: grantBatches.batch,
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
      tranches: sql<TrancheRow[]>`coalesce((
        select json_agg(json_build_object(
          'index', ${tranches.trancheIndex}, 'ratio', ${tranches.ratio}::text, 'plannedQuantity', ${tranches.plannedQuantity},
          'windowOpen', ${tranches.windowOpen}, 'windowClose', ${tranches.windowClose}, 'earliestVestingDate', ${tranches.earliestVestingDate},
          'earliestReason', ${tranches.earliestReason}, 'deferredBy', ${tranches.deferredBy}, 'status', ${tranches.status},
          'vestedQuantity', ${tranches.vestedQuantity}, 'lapsedQuantity', ${tranches.lapsedQuantity}, 'vestingDate', ${tranches.vestingDate},
          'lapseReason', ${tranches.lapseReason}, 'fiscalYear', ${appraisalResults.fiscalYear}, 'grade', ${appraisalResults.grade},
          'companyRatio', ${companyAppraisals.companyRatio}::text
        ) order by ${tranches.trancheIndex})
        from ${tranches}
        left join ${appraisalResults} on ${appraisalResults.grantId} = ${tranches.grantId} and ${appraisalResults.trancheIndex} = ${tranches.trancheIndex}
        left join ${companyAppraisals} on ${companyAppraisals.batchId} = ${grants.batchId} and ${companyAppraisals.categoryId} = ${grants.categoryId} and ${companyAppraisals.trancheIndex} = ${tranches.trancheIndex}
        where ${tranches.grantId} = ${grants.id}), '[]'::json)`,
      adjustments: sql<GrantDto["adjustments"]>`coalesce((
        select json_agg(json_build_object(
          'date', ${corporateActions.exDate}, 'type', ${corporateActions.type}, 'priceBefore', ${adjustmentRecords.priceBefore}::text,
          'priceAfter', ${adjustmentRecords.priceAfter}::text, 'quantityBefore', ${adjustmentRecords.quantityBefore}, 'quantityAfter', ${adjustmentRecords.quantityAfter}
        ) order by ${corporateActions.exDate}, ${adjustmentRecords.createdAt})
        from ${adjustmentRecords} join ${corporateActions} on ${corporateActions.id} = ${adjustmentRecords.corporateActionId}
        where ${adjustmentRecords.grantId} = ${grants.id}), '[]'::json)`,
    })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .innerJoin(plans, eq(grants.planId, plans.id))
    .innerJoin(persons, eq(grants.personId, persons.id))
    .innerJoin(participantCategories, eq(grants.categoryId, participantCategories.id))
    .where(where)
    .orderBy(asc(grantBatches.grantDate), asc(persons.employeeNo));
}

function toGrantDtos(rows: Awaited<ReturnType<typeof grantRows>>): GrantDto[] {
  return rows.map(({ gradeTable, tranches: trancheRows, ...r }) => ({
    ...r,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    tranches: trancheRows.map((t) => ({
      index: t.index,
      ratio: trimRatio(t.ratio),
      plannedQuantity: t.plannedQuantity,
      windowOpen: t.windowOpen,
      windowClose: t.windowClose,
      earliestVestingDate: t.earliestVestingDate,
      earliestReason: t.earliestReason,
      deferredBy: t.deferredBy ?? [],
      status: t.status,
      vestedQuantity: t.vestedQuantity,
      lapsedQuantity: t.lapsedQuantity,
      vestingDate: t.vestingDate,
      lapseReason: t.lapseReason,
      appraisal: t.fiscalYear === null || t.grade === null ? null : { fiscalYear: t.fiscalYear, grade: t.grade, individualRatio: gradeTable[t.grade] ?? null, companyRatio: t.companyRatio === null ? null : trimRatio(t.companyRatio) },
    })),
  }));
}

/** A tranche as the JSON subquery returns it, before the appraisal is shaped. */
type TrancheRow = Omit<TrancheDto, "appraisal"> & { fiscalYear: number | null; grade: string | null; companyRatio: string | null };

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
