import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { plans, vestingBatches } from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { Actor } from "@/lib/auth/actor";
import type { VestingBatchStatus } from "@/lib/features/vesting-batches/batchDto";

export type VestingBatchRow = typeof vestingBatches.$inferSelect;

/**
 * Locks a batch for a step: the plan row first (every writer that re-derives a plan takes it first, so
 * steps, runs, reversals and corporate actions of one plan queue in one order), then the batch row.
 */
export async function lockBatch(tx: Transaction, batchId: string): Promise<VestingBatchRow> {
  const [found] = await tx
    .select({ planId: vestingBatches.planId })
    .from(vestingBatches)
    .where(eq(vestingBatches.id, batchId));
  if (!found) throw notFound("Vesting batch");
  await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, found.planId)).for("update");
  const [batch] = await tx.select().from(vestingBatches).where(eq(vestingBatches.id, batchId)).for("update");
  return batch!;
}

/** Refuses a step the batch is not at (VESTING_BATCH_STATUS, with where it stands and what was needed). */
export function requireStatus(batch: VestingBatchRow, ...expected: VestingBatchStatus[]): void {
  if (expected.includes(batch.status)) return;
  throw new ApiError(
    "VESTING_BATCH_STATUS",
    `The vesting batch is ${batch.status}; this step needs ${expected.join(" or ")}.`,
    { status: batch.status, expected },
  );
}

/** Moves the batch to its next status and writes the step's audit row (actor null: the daily job), in the caller's transaction. */
export async function advanceBatch(
  tx: Transaction,
  actor: Actor | null,
  batch: VestingBatchRow,
  status: VestingBatchStatus,
  action: string,
  after: Record<string, unknown>,
  set: Partial<Pick<VestingBatchRow, "listingDate">> = {},
): Promise<void> {
  await tx
    .update(vestingBatches)
    .set({ status, updatedAt: new Date(), ...set })
    .where(eq(vestingBatches.id, batch.id));
  await appendAudit(tx, {
    actorUserId: actor?.userId ?? null,
    action,
    entityType: "vesting_batch",
    entityId: batch.id,
    ip: actor?.ip ?? null,
    before: { status: batch.status },
    after: { status, ...after },
  });
}
