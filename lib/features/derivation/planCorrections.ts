import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grantBatchVoids, grantBatches, vestingRunReversals, vestingRuns } from "@/db/schema";

/** The corrections of one plan the derivation applies: voided batches and reversed vesting runs. */
export interface PlanCorrections {
  voidedBatchIds: ReadonlySet<string>;
  reversedRunIds: ReadonlySet<string>;
  /**
   * Periods ("batch/category/tranche") whose every run was reversed: the appraisals those runs recorded
   * stay stored (they are data) but no longer count, so the tranches derive as before the run
   * (vestable or pending by their dates). A period run again counts its new appraisals.
   */
  takenBackPeriods: ReadonlySet<string>;
}

/** Loads a plan's voided batches and reversed runs (issue #21). */
export async function loadPlanCorrections(tx: Database | Transaction, planId: string): Promise<PlanCorrections> {
  const voided = await tx
    .select({ batchId: grantBatchVoids.batchId })
    .from(grantBatchVoids)
    .innerJoin(grantBatches, eq(grantBatchVoids.batchId, grantBatches.id))
    .where(eq(grantBatches.planId, planId));
  const runs = await tx
    .select({
      id: vestingRuns.id,
      batchId: vestingRuns.batchId,
      categoryId: vestingRuns.categoryId,
      trancheIndex: vestingRuns.trancheIndex,
      reversalId: vestingRunReversals.id,
    })
    .from(vestingRuns)
    .innerJoin(grantBatches, eq(vestingRuns.batchId, grantBatches.id))
    .leftJoin(vestingRunReversals, eq(vestingRunReversals.vestingRunId, vestingRuns.id))
    .where(eq(grantBatches.planId, planId));
  const key = (r: (typeof runs)[number]) => `${r.batchId}/${r.categoryId}/${r.trancheIndex}`;
  const live = new Set(runs.filter((r) => r.reversalId === null).map(key));
  return {
    voidedBatchIds: new Set(voided.map((v) => v.batchId)),
    reversedRunIds: new Set(runs.filter((r) => r.reversalId !== null).map((r) => r.id)),
    takenBackPeriods: new Set(runs.filter((r) => r.reversalId !== null && !live.has(key(r))).map(key)),
  };
}
