import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  auditLog,
  companyAppraisals,
  grantBatches,
  grants,
  participantCategories,
  tranches,
  vestingRunReversals,
  vestingRuns,
} from "@/db/schema";
import { trimDecimal } from "@/lib/domain/numeric/decimal";

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
  /** Set once the run was reversed: its period was then open to be run again. */
  reversal: { id: string; reason: string; reversedAt: string } | null;
}

// A live run's figures are its period's tranches and appraisal now; a reversed run's are what it recorded
// (its confirmation's audit row), since the tranches no longer say it and a new run may have replaced the
// company appraisal. A reversed run without that row (seeded) reads 0 and no ratio.
const recorded = (path: SQL) =>
  sql`(select a.after #>> ${path} from ${auditLog} a where a.entity_type = 'vesting_run' and a.entity_id = ${vestingRuns.id}::text and a.action = 'vesting_run.confirm' limit 1)`;
const totalOf = (column: SQL, path: SQL) =>
  sql<string>`case when ${vestingRunReversals.id} is null
    then (select coalesce(sum(${column}), 0)::text from ${tranches} t join ${grants} g on g.id = t.grant_id where g.batch_id = ${vestingRuns.batchId} and g.category_id = ${vestingRuns.categoryId} and t.tranche_index = ${vestingRuns.trancheIndex})
    else coalesce(${recorded(path)}, '0') end`;

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
      companyRatio: sql<
        string | null
      >`case when ${vestingRunReversals.id} is null then ${companyAppraisals.companyRatio}::text else ${recorded(sql`'{companyRatio}'`)} end`,
      fiscalYear: sql<
        number | null
      >`case when ${vestingRunReversals.id} is null then ${companyAppraisals.fiscalYear} else (${recorded(sql`'{fiscalYear}'`)})::int end`,
      confirmedAt: vestingRuns.confirmedAt,
      vested: totalOf(sql`t.vested_quantity`, sql`'{totals,vested}'`),
      lapsed: totalOf(sql`t.lapsed_quantity`, sql`'{totals,lapsed}'`),
      reversalId: vestingRunReversals.id,
      reversalReason: vestingRunReversals.reason,
      reversedAt: vestingRunReversals.reversedAt,
    })
    .from(vestingRuns)
    .innerJoin(grantBatches, eq(vestingRuns.batchId, grantBatches.id))
    .innerJoin(participantCategories, eq(vestingRuns.categoryId, participantCategories.id))
    .leftJoin(vestingRunReversals, eq(vestingRunReversals.vestingRunId, vestingRuns.id))
    .leftJoin(
      companyAppraisals,
      and(
        eq(companyAppraisals.batchId, vestingRuns.batchId),
        eq(companyAppraisals.categoryId, vestingRuns.categoryId),
        eq(companyAppraisals.trancheIndex, vestingRuns.trancheIndex),
      ),
    )
    .where(eq(grantBatches.planId, planId))
    .orderBy(
      sql`${vestingRuns.vestingDate} desc`,
      asc(participantCategories.code),
      asc(vestingRuns.trancheIndex),
      sql`${vestingRuns.confirmedAt} desc`,
    );
  return rows.map(({ reversalId, reversalReason, reversedAt, ...r }) => ({
    ...r,
    reversal:
      reversalId === null ? null : { id: reversalId, reason: reversalReason!, reversedAt: reversedAt!.toISOString() },
    companyRatio: r.companyRatio === null ? null : trimDecimal(r.companyRatio),
    fiscalYear: r.fiscalYear === null ? null : Number(r.fiscalYear),
    confirmedAt: r.confirmedAt.toISOString(),
    vested: Number(r.vested),
    lapsed: Number(r.lapsed),
  }));
}
