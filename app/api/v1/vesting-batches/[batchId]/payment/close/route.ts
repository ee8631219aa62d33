import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";
import { closeBatchPayment } from "@/lib/features/vesting-batches/closePayment";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-batches/{batchId}/payment/close: unpaid shares lapse as waived. */
export const POST = route(api.closeVestingBatchPayment, async ({ db, actor, params }) => {
  await closeBatchPayment(db, actor, params.batchId);
  return getVestingBatch(db, params.batchId);
});
