import "server-only";
import { asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  fairValueMeasurements,
  grantBatches,
  participantCategories,
  plans,
  vestingArrangements,
  type FairValueTerm,
  type ProjectedQuantity,
} from "@/db/schema";

type Db = Database | Transaction;

/** A plan with what the expense engine needs of it. */
export interface ExpensePlan {
  id: string;
  name: string;
  nameEn: string;
  status: string;
  firstGrantQuantity: number;
  totalQuantity: number;
  categories: {
    id: string;
    code: number;
    name: string;
    nameEn: string;
    arrangement: { trancheIndex: number; startMonths: number; ratio: string }[];
  }[];
  batches: { id: string; batch: "first" | "reserved"; grantDate: string; grantPrice: string }[];
}

/** A measurement as stored. */
export interface StoredMeasurement {
  id: string;
  planId: string;
  grantBatchId: string | null;
  kind: "draft_projection" | "grant";
  valuationDate: string;
  sharePrice: string;
  grantPrice: string;
  dividendYield: string;
  terms: FairValueTerm[];
  quantities: ProjectedQuantity[] | null;
  convention: "monthly" | "daily";
  source: string | null;
  recordedAt: string;
}

/**
 * Granted and lapsed shares of one (batch, category, tranche), summed over the grants that share the same
 * lapse facts. Quantities are re-expressed in grant-date units (× quantity / adjusted quantity): a bonus
 * issue or split changes the count and price but not the grant-date fair value in total (CAS 11 on
 * modifications that do not increase fair value), so the expense stays on the shares as granted.
 */
export interface TrancheLapseFacts {
  batchId: string;
  categoryId: string;
  trancheIndex: number;
  planned: number;
  lapsed: number;
  lapseReason: string | null;
  vestingDate: string | null;
  leaveDate: string | null;
  runDate: string | null;
  appraisalDate: string | null;
  windowClose: string | null;
}

/** The plans named (all when null), oldest first, with their categories, arrangements and grant resolutions. */
export async function loadExpensePlans(db: Db, planIds: string[] | null): Promise<ExpensePlan[]> {
  const planRows = await db
    .select({
      id: plans.id,
      name: plans.name,
      nameEn: plans.nameEn,
      status: plans.status,
      firstGrantQuantity: plans.firstGrantQuantity,
      totalQuantity: plans.totalQuantity,
    })
    .from(plans)
    .where(planIds === null ? undefined : inArray(plans.id, planIds))
    .orderBy(asc(plans.createdAt), asc(plans.name));
  if (planRows.length === 0) return [];
  const ids = planRows.map((p) => p.id);
  const [categoryRows, arrangementRows, batchRows] = await Promise.all([
    db.select().from(participantCategories).where(inArray(participantCategories.planId, ids)),
    db
      .select({
        categoryId: vestingArrangements.categoryId,
        trancheIndex: vestingArrangements.trancheIndex,
        startMonths: vestingArrangements.startMonths,
        ratio: vestingArrangements.ratio,
      })
      .from(vestingArrangements)
      .innerJoin(participantCategories, eq(participantCategories.id, vestingArrangements.categoryId))
      .where(inArray(participantCategories.planId, ids))
      .orderBy(asc(vestingArrangements.trancheIndex)),
    db
      .select({
        id: grantBatches.id,
        planId: grantBatches.planId,
        batch: grantBatches.batch,
        grantDate: grantBatches.grantDate,
        grantPrice: grantBatches.grantPrice,
      })
      .from(grantBatches)
      .where(inArray(grantBatches.planId, ids))
      .orderBy(asc(grantBatches.grantDate)),
  ]);
  return planRows.map((p) => ({
    ...p,
    categories: categoryRows
      .filter((c) => c.planId === p.id)
      .sort((a, b) => a.code - b.code)
      .map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        arrangement: arrangementRows
          .filter((a) => a.categoryId === c.id)
          .map((a) => ({ trancheIndex: a.trancheIndex, startMonths: a.startMonths, ratio: a.ratio })),
      })),
    batches: batchRows
      .filter((b) => b.planId === p.id)
      .map((b) => ({ id: b.id, batch: b.batch, grantDate: b.grantDate, grantPrice: b.grantPrice })),
  }));
}

/** The measurements in force: the newest per (plan, kind, grant batch). */
export async function loadMeasurementsInForce(db: Db, planIds: string[]): Promise<StoredMeasurement[]> {
  if (planIds.length === 0) return [];
  const all = await db
    .select()
    .from(fairValueMeasurements)
    .where(inArray(fairValueMeasurements.planId, planIds))
    .orderBy(desc(fairValueMeasurements.recordedAt), desc(fairValueMeasurements.id));
  const seen = new Set<string>();
  const inForce: StoredMeasurement[] = [];
  for (const m of all) {
    const key = `${m.planId}|${m.kind}|${m.grantBatchId ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inForce.push({
      id: m.id,
      planId: m.planId,
      grantBatchId: m.grantBatchId,
      kind: m.kind,
      valuationDate: m.valuationDate,
      sharePrice: m.sharePrice,
      grantPrice: m.grantPrice,
      dividendYield: m.dividendYield,
      terms: m.terms,
      quantities: m.quantities,
      convention: m.convention === "daily" ? "daily" : "monthly",
      source: m.source,
      recordedAt: m.recordedAt.toISOString(),
    });
  }
  return inForce;
}

/** Granted and lapsed shares per (batch, category, tranche) and lapse facts, for the plans named. */
export async function loadTrancheLapseFacts(db: Db, planIds: string[]): Promise<TrancheLapseFacts[]> {
  if (planIds.length === 0) return [];
  const ids: SQL = sql.join(
    planIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // Lapse facts only matter where something lapsed: elsewhere they are null, so a tranche's grants
  // without lapses fold into one row.
  const result = await db.execute(sql`SELECT
      g.batch_id::text AS batch_id, g.category_id::text AS category_id, tr.tranche_index,
      coalesce(sum(tr.planned_quantity::numeric * g.quantity / nullif(g.adjusted_quantity, 0)), 0)::text AS planned,
      coalesce(sum(tr.lapsed_quantity::numeric * g.quantity / nullif(g.adjusted_quantity, 0)), 0)::text AS lapsed,
      CASE WHEN tr.lapsed_quantity > 0 THEN tr.lapse_reason END AS lapse_reason,
      CASE WHEN tr.lapsed_quantity > 0 THEN tr.vesting_date::text END AS vesting_date,
      CASE WHEN tr.lapsed_quantity > 0 AND tr.lapse_reason = 'left' THEN p.leave_date::text END AS leave_date,
      CASE WHEN tr.lapsed_quantity > 0 AND tr.lapse_reason = 'appraisal' THEN vr.vesting_date::text END AS run_date,
      CASE WHEN tr.lapsed_quantity > 0 AND tr.lapse_reason = 'appraisal'
        THEN to_char(ap.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') END AS appraisal_date,
      CASE WHEN tr.lapsed_quantity > 0 AND tr.lapse_reason = 'window_closed' THEN tr.window_close::text END AS window_close
    FROM tranches tr
    JOIN grants g ON g.id = tr.grant_id
    JOIN persons p ON p.id = g.person_id
    LEFT JOIN appraisal_results ap ON ap.grant_id = tr.grant_id AND ap.tranche_index = tr.tranche_index
    LEFT JOIN vesting_runs vr ON vr.batch_id = g.batch_id AND vr.category_id = g.category_id AND vr.tranche_index = tr.tranche_index
      AND NOT EXISTS (SELECT 1 FROM vesting_run_reversals rv WHERE rv.vesting_run_id = vr.id)
    WHERE g.plan_id IN (${ids})
    GROUP BY 1, 2, 3, 6, 7, 8, 9, 10, 11`);
  const rows = (result as unknown as { rows: Record<string, string | number | null>[] }).rows;
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    batchId: String(r.batch_id),
    categoryId: String(r.category_id),
    trancheIndex: Number(r.tranche_index),
    planned: Number(r.planned),
    lapsed: Number(r.lapsed),
    lapseReason: s(r.lapse_reason),
    vestingDate: s(r.vesting_date),
    leaveDate: s(r.leave_date),
    runDate: s(r.run_date),
    appraisalDate: s(r.appraisal_date),
    windowClose: s(r.window_close),
  }));
}
