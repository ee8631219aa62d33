import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/vesting-batches/{batchId}: the batch with its lines and totals. */
export const GET = route(api.getVestingBatch, async ({ db, params }) => getVestingBatch(db, params.batchId));
