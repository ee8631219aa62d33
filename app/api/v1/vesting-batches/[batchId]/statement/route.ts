import { route } from "@/lib/auth/procedures/route";
import { vestingBatchOperations as api } from "@/lib/features/openapi/operations/vestingBatches";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { importStatement } from "@/lib/features/vesting-batches/statementImport";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-batches/{batchId}/statement {content, format, fileName, apply?}: preview (200) or applied (201). */
export const POST = route(api.importVestingStatement, async ({ db, actor, params, body }) => {
  const result = await importStatement(db, actor, params.batchId, body);
  return result.applied ? jsonPrivate(result, 201) : result;
});
