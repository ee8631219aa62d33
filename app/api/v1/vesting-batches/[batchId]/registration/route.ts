import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";
import { registerBatch } from "@/lib/features/vesting-batches/registerBatch";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-batches/{batchId}/registration {listingDate}: registered, tax fixed. */
export const POST = route(api.registerVestingBatch, async ({ db, actor, params, body }) => {
  await registerBatch(db, actor, params.batchId, body);
  return getVestingBatch(db, params.batchId);
});
