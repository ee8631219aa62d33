import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";
import { openBatchPayment } from "@/lib/features/vesting-batches/openPayment";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-batches/{batchId}/payment/open: notices and e-mails go out. */
export const POST = route(api.openVestingBatchPayment, async ({ db, actor, params }) => {
  await openBatchPayment(db, actor, params.batchId);
  return getVestingBatch(db, params.batchId);
});
