import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";
import { announceBatch } from "@/lib/features/vesting-batches/announceBatch";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-batches/{batchId}/announcement: the last step. */
export const POST = route(api.announceVestingBatch, async ({ db, actor, params }) => {
  await announceBatch(db, actor, params.batchId);
  return getVestingBatch(db, params.batchId);
});
