import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { planGrantsForUser } from "@/lib/features/grants/queries";
import { grantAwards } from "@/lib/features/grants/commands";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/plans/{planId}/grants[?q=&batch=&categoryId=&status=&cursor=&limit=]: one page of the plan's
 * grants (all for staff, the caller's own for an employee), 200 unless limit says otherwise.
 */
export const GET = route(api.listPlanGrants, async ({ params, query }) => planGrantsForUser(params.planId, query));

/** POST /api/v1/plans/{planId}/grants: a first or reserved grant batch (HR, admin); 201 {batchId, grants}. */
export const POST = route(api.grantAwards, async ({ db, actor, params, body }) =>
  grantAwards(db, actor, params.planId, body),
);
