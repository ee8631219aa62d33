import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { companyAppraisals, grantBatches, grants, participantCategories, tranches, vestingRuns } from "@/db/schema";

type Db = Database | Transaction;

/** A recorded run with its vested and lapsed totals. */
export interface VestingRunSummary {
  id: string;
  batchId: string;
  batch: "first" | "reserved";
  grantDate: string;
  categoryId: string;
  categoryName: string;
  categoryNameEn: string;
  trancheIndex: number;
  vestingDate: string;
  companyRatio: string | null;
  fiscalYear: number | null;
  confirmedAt: string;
  vested: number;
  lapsed: number;
}

/** The plan's recorded vesting runs, newest first. */
export async function listVestingRuns(db: Db, planId: string): Promise<VestingRunSummary[]> {
  const rows = await db
    .select({
      id: vestingRuns.id,
      batchId: vestingRuns.batchId,
      batch: grantBatches.batch,
      grantDate: grantBatches.grantDate,
      categoryId: vestingRuns.categoryId,
      categoryName: participantCategories.name,
      categoryNameEn: participantCategories.nameEn,
      trancheIndex: vestingRuns.trancheIndex,
      vestingDate: vestingRuns.vestingDate,
      companyRatio: companyAppraisals.companyRatio,
      fiscalYear: companyAppraisals.fiscalYear,
      confirmedAt: vestingRuns.confirmedAt,
      vested: sql<string>`(select coalesce(sum(t.vested_quantity), 0)::text from ${tranches} t join ${grants} g on g.id = t.grant_id where g.batch_id = ${vestingRuns.batchId} and g.category_id = ${vestingRuns.categoryId} and t.tranche_index = ${vestingRuns.trancheIndex})`,
      lapsed: sql<string>`(select coalesce(sum(t.lapsed_quantity), 0)::text from ${tranches} t join ${grants} g on g.id = t.grant_id where g.batch_id = ${vestingRuns.batchId} and g.category_id = ${vestingRuns.categoryId} and t.tranche_index = ${vestingRuns.trancheIndex})`,
    })
    .from(vestingRuns)
    .innerJoin(grantBatches, eq(vestingRuns.batchId, grantBatches.id))
    .innerJoin(participantCategories, eq(vestingRuns.categoryId, participantCategories.id))
    .leftJoin(
      companyAppraisals,
      and(
        eq(companyAppraisals.batchId, vestingRuns.batchId),
        eq(companyAppraisals.categoryId, vestingRuns.categoryId),
        eq(companyAppraisals.trancheIndex, vestingRuns.trancheIndex),
      ),
    )
    .where(eq(grantBatches.planId, planId))
    .orderBy(sql`${vestingRuns.vestingDate} desc`, asc(participantCategories.code), asc(vestingRuns.trancheIndex));
  return rows.map((r) => ({
    ...r,
    companyRatio: r.companyRatio === null ? null : trimZeros(r.companyRatio),
    confirmedAt: r.confirmedAt.toISOString(),
    vested: Number(r.vested),
    lapsed: Number(r.lapsed),
  }));
}

function trimZeros(v: string): string {
  return v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;
}
