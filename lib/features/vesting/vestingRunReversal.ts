import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import {
  grantBatches,
  grants,
  plans,
  tranches,
  vestingBatchPeriods,
  vestingBatches,
  vestingRunReversals,
  vestingRuns,
} from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { text } from "@/lib/platform/validation/common";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { notifyGrantees } from "@/lib/features/notices/grantNotices";
import type { Actor } from "@/lib/auth/actor";

/** Body of POST /api/v1/vesting-runs/{runId}/reversal: why the run is taken back (required). */
export const reverseRunBody = z.object({ reason: text().min(1).max(1000).describe("Why the run was wrong.") });
export type ReverseRunInput = z.infer<typeof reverseRunBody>;

/** A recorded reversal, as the API answers it. */
export interface VestingRunReversalRecord {
  id: string;
  vestingRunId: string;
  planId: string;
  batchId: string;
  categoryId: string;
  trancheIndex: number;
  vestingDate: string;
  reason: string;
  reversedBy: string | null;
  reversedAt: string;
  /** Shares the run had vested, now outstanding again. */
  vestedBefore: number;
}

/**
 * Reverses a vesting run in one transaction: the run stays as recorded and a reversal row is added; the
 * derivation then ignores the run and the appraisals it recorded (kept as data), so the period's tranches
 * are vestable or pending again by their dates and the period can be run again. Grantees are told.
 * Refused when already reversed (RUN_ALREADY_REVERSED) and once a vesting batch confirmed its conditions on
 * the run (VESTING_RUN_IN_BATCH): its list, payments and registration rest on it.
 */
export async function reverseVestingRun(
  db: Database,
  actor: Actor,
  runId: string,
  input: ReverseRunInput,
): Promise<VestingRunReversalRecord> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .select({ run: vestingRuns, planId: grantBatches.planId })
      .from(vestingRuns)
      .innerJoin(grantBatches, eq(grantBatches.id, vestingRuns.batchId))
      .where(eq(vestingRuns.id, runId));
    if (!run) throw notFound("Vesting run");
    const r = run.run;
    // The plan row, as confirmVestingRun takes it: a run of the same period waits for this reversal.
    await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, run.planId)).for("update");
    const [already] = await tx
      .select({ id: vestingRunReversals.id })
      .from(vestingRunReversals)
      .where(eq(vestingRunReversals.vestingRunId, runId));
    if (already) throw alreadyReversed(runId, already.id);
    // Once a vesting batch fixed its list on this run, grantees were told what to pay for these shares.
    const [inBatch] = await tx
      .select({ id: vestingBatches.id, batchNo: vestingBatches.batchNo, status: vestingBatches.status })
      .from(vestingBatchPeriods)
      .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchPeriods.vestingBatchId))
      .where(eq(vestingBatchPeriods.vestingRunId, runId));
    if (inBatch)
      throw new ApiError(
        "VESTING_RUN_IN_BATCH",
        "The run belongs to a vesting batch whose conditions were confirmed.",
        {
          vestingBatchId: inBatch.id,
          batchNo: inBatch.batchNo,
          status: inBatch.status,
        },
      );

    const period = and(
      eq(grants.batchId, r.batchId),
      eq(grants.categoryId, r.categoryId),
      eq(tranches.trancheIndex, r.trancheIndex),
    );
    const affected = await tx
      .select({ grantId: grants.id, vested: tranches.vestedQuantity })
      .from(tranches)
      .innerJoin(grants, eq(grants.id, tranches.grantId))
      .where(period);
    const vestedBefore = affected.reduce((s, t) => s + t.vested, 0);

    const [record] = await tx
      .insert(vestingRunReversals)
      .values({ vestingRunId: runId, reason: input.reason, reversedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!record) throw alreadyReversed(runId, null);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "vesting_run.reverse",
      entityType: "vesting_run",
      entityId: runId,
      ip: actor.ip,
      before: { reversed: false, vestingDate: r.vestingDate, vested: vestedBefore },
      after: {
        planId: run.planId,
        batchId: r.batchId,
        categoryId: r.categoryId,
        trancheIndex: r.trancheIndex,
        reversalId: record.id,
        reason: input.reason,
      },
    });
    await rederivePlan(tx, run.planId, undefined, { batchId: r.batchId, categoryId: r.categoryId });
    await notifyGrantees(
      tx,
      affected.map((t) => ({
        grantId: t.grantId,
        kind: "vesting_reversed",
        payload: { grantId: t.grantId, trancheIndex: r.trancheIndex, vestingDate: r.vestingDate, reason: input.reason },
        dedupeKey: `vesting_reversed:${record.id}:${t.grantId}`,
      })),
      "归属办理已撤销 / A vesting was reversed",
    );
    return {
      id: record.id,
      vestingRunId: runId,
      planId: run.planId,
      batchId: r.batchId,
      categoryId: r.categoryId,
      trancheIndex: r.trancheIndex,
      vestingDate: r.vestingDate,
      reason: record.reason,
      reversedBy: record.reversedBy,
      reversedAt: record.reversedAt.toISOString(),
      vestedBefore,
    };
  });
}

function alreadyReversed(runId: string, reversalId: string | null) {
  return new ApiError("RUN_ALREADY_REVERSED", "This vesting run has already been reversed.", { runId, reversalId });
}
