import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { recordBatchPayment } from "@/lib/features/vesting-batches/recordPayment";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-batches/{batchId}/payments {employeeNo, amount, paidOn, transactionId?} (201). */
export const POST = route(api.recordVestingPayment, async ({ db, actor, params, body }) =>
  jsonPrivate(await recordBatchPayment(db, actor, params.batchId, body), 201),
);
