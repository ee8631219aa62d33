import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { createVestingBatch } from "@/lib/features/vesting-batches/createBatch";
import { getVestingBatch, listVestingBatches } from "@/lib/features/vesting-batches/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/vesting-batches: the plan's vesting batches. */
export const GET = route(api.listVestingBatches, async ({ db, params }) => ({
  items: await listVestingBatches(db, params.planId),
}));

/** POST /api/v1/plans/{planId}/vesting-batches: a draft batch (201). */
export const POST = route(api.createVestingBatch, async ({ db, actor, params, body }) => {
  const { id } = await createVestingBatch(db, actor, params.planId, body);
  return jsonPrivate(await getVestingBatch(db, id), 201);
});
