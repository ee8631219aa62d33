import { route } from "@/lib/auth/procedures/route";
import { expenseOperations as api } from "@/lib/features/openapi/operations/expense";
import { recordFairValueMeasurement } from "@/lib/features/expense/commands";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** POST /api/v1/plans/{planId}/fair-values: records a measurement (201). */
export const POST = route(api.recordFairValue, async ({ db, actor, params, body }) =>
  jsonPrivate(await recordFairValueMeasurement(db, actor, params.planId, body), 201),
);
