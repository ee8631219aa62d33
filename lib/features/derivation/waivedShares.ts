import "server-only";
import { and, eq, gt, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { vestingBatches, vestingBatchLines } from "@/db/schema";

/** Batches whose payment has closed: their unpaid shares are waived (放弃) and lapse. */
export const PAYMENT_CLOSED_STATUSES = ["payment_closed", "registered", "announced"] as const;

/** Shares waived per `${grantId}/${trancheIndex}` in the plan's vesting batches whose payment has closed. */
export async function loadWaivedShares(tx: Database | Transaction, planId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({
      grantId: vestingBatchLines.grantId,
      trancheIndex: vestingBatchLines.trancheIndex,
      waived: vestingBatchLines.waivedShares,
    })
    .from(vestingBatchLines)
    .innerJoin(vestingBatches, eq(vestingBatchLines.vestingBatchId, vestingBatches.id))
    .where(
      and(
        eq(vestingBatches.planId, planId),
        inArray(vestingBatches.status, [...PAYMENT_CLOSED_STATUSES]),
        gt(vestingBatchLines.waivedShares, 0),
      ),
    );
  const out = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.grantId}/${r.trancheIndex}`;
    out.set(key, (out.get(key) ?? 0) + (r.waived ?? 0));
  }
  return out;
}
