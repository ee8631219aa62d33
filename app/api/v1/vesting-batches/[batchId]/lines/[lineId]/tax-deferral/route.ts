import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { setTaxDeferral } from "@/lib/features/vesting-batches/taxDeferral";

export const dynamic = "force-dynamic";

/** PUT /api/v1/vesting-batches/{batchId}/lines/{lineId}/tax-deferral {deferred}. */
export const PUT = route(api.setVestingTaxDeferral, async ({ db, actor, params, body }) =>
  setTaxDeferral(db, actor, params.batchId, params.lineId, body),
);
