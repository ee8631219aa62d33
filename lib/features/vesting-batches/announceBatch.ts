import "server-only";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { advanceBatch, lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";

/** Records that the vesting result and listing announcement (归属结果暨股份上市公告) was published: the last step. */
export async function announceBatch(db: Database, actor: Actor, batchId: string) {
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    requireStatus(batch, "registered");
    await advanceBatch(tx, actor, batch, "announced", "vesting_batch.announce", { listingDate: batch.listingDate });
    return { id: batchId, status: "announced" as const };
  });
}
