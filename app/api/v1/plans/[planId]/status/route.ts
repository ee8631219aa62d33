import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { advancePlanStatus } from "@/lib/features/plans/commands";

export const dynamic = "force-dynamic";

/** POST /api/v1/plans/{planId}/status {to}: moves the plan one step along its lifecycle (409 otherwise). */
export const POST = route(api.advancePlanStatus, async ({ db, actor, params, body }) =>
  advancePlanStatus(db, actor, params.planId, body.to),
);
