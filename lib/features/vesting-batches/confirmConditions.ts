import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { vestingBatchLines, vestingBatchPeriods, vestingRuns } from "@/db/schema";
import { amountDue } from "@/lib/domain/payment/amountDue";
import { renderPaymentReference } from "@/lib/domain/payment/paymentReference";
import { ApiError } from "@/lib/platform/errors/apiError";
import type { Actor } from "@/lib/auth/actor";
import { runNotReversed } from "@/lib/features/derivation/correctionFilters";
import { runShares, type RunShares } from "@/lib/features/vesting/runShares";
import { advanceBatch, lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";

/**
 * Confirms the batch's conditions (归属条件成就): every period's vesting run — company ratio and
 * individual grades, recorded on the vesting page — must be on the batch's registration date. The
 * vesting list is then fixed: one line per grantee and tranche with the shares the run allows, the
 * adjusted grant price, the amount due and the payment reference. One transaction, one audit row.
 */
export async function confirmBatchConditions(db: Database, actor: Actor, batchId: string) {
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    requireStatus(batch, "draft");
    const periods = await tx
      .select({
        id: vestingBatchPeriods.id,
        grantBatchId: vestingBatchPeriods.grantBatchId,
        categoryId: vestingBatchPeriods.categoryId,
        trancheIndex: vestingBatchPeriods.trancheIndex,
        runId: vestingRuns.id,
        runDate: vestingRuns.vestingDate,
      })
      .from(vestingBatchPeriods)
      .leftJoin(
        vestingRuns,
        and(
          eq(vestingRuns.batchId, vestingBatchPeriods.grantBatchId),
          eq(vestingRuns.categoryId, vestingBatchPeriods.categoryId),
          eq(vestingRuns.trancheIndex, vestingBatchPeriods.trancheIndex),
          runNotReversed(vestingRuns.id),
        ),
      )
      .where(eq(vestingBatchPeriods.vestingBatchId, batchId));
    const missing = periods.filter((p) => p.runId === null || p.runDate !== batch.registrationDate);
    if (missing.length > 0)
      throw new ApiError("VESTING_BATCH_RUN_MISSING", "Record each period's vesting run on the registration date.", {
        registrationDate: batch.registrationDate,
        periods: missing.map(({ grantBatchId, categoryId, trancheIndex, runDate }) => ({
          grantBatchId,
          categoryId,
          trancheIndex,
          runDate,
        })),
      });

    const lines = [];
    for (const p of periods) {
      const vested = await runShares(tx, p.runId!);
      lines.push(...vestingLines(batch, p.trancheIndex, vested));
      await tx.update(vestingBatchPeriods).set({ vestingRunId: p.runId }).where(eq(vestingBatchPeriods.id, p.id));
    }
    if (lines.length === 0)
      throw new ApiError("VESTING_BATCH_EMPTY", "Nobody met the conditions: no share may vest in this batch.");
    await tx.insert(vestingBatchLines).values(lines);
    const shares = lines.reduce((s, l) => s + l.shares, 0);
    await advanceBatch(tx, actor, batch, "conditions_confirmed", "vesting_batch.confirm_conditions", {
      runs: periods.map((p) => p.runId),
      people: new Set(lines.map((l) => l.personId)).size,
      lines: lines.length,
      shares,
    });
    return { id: batchId, lines: lines.length, shares };
  });
}

/**
 * The vesting list of one period: a line per grant the run lets vest, with the amount due at the adjusted
 * price and the grantee's payment reference.
 */
export function vestingLines(
  batch: { id: string; batchNo: number; referenceTemplate: string },
  trancheIndex: number,
  shares: readonly RunShares[],
): (typeof vestingBatchLines.$inferInsert)[] {
  return shares
    .filter((v) => v.vested > 0)
    .map((v) => ({
      vestingBatchId: batch.id,
      grantId: v.grantId,
      personId: v.personId,
      trancheIndex,
      shares: v.vested,
      adjustedPrice: v.adjustedPrice,
      amountDue: amountDue(v.vested, v.adjustedPrice),
      reference: renderPaymentReference(batch.referenceTemplate, {
        employeeNo: v.employeeNo,
        name: v.name,
        batchNo: batch.batchNo,
      }),
    }));
}
