import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";
import { confirmBatchConditions } from "@/lib/features/vesting-batches/confirmConditions";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-batches/{batchId}/conditions: fixes the vesting list from the periods' runs. */
export const POST = route(api.confirmVestingBatchConditions, async ({ db, actor, params }) => {
  await confirmBatchConditions(db, actor, params.batchId);
  return getVestingBatch(db, params.batchId);
});
