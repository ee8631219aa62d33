import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { planGrantsForUser } from "@/lib/features/grants/queries";
import { grantAwards } from "@/lib/features/grants/commands";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/grants: every grant for staff, the caller's own for an employee. */
export const GET = route(api.listPlanGrants, async ({ params }) => ({ items: await planGrantsForUser(params.planId) }));

/** POST /api/v1/plans/{planId}/grants: a first or reserved grant batch (HR, admin); 201 {batchId, grants}. */
export const POST = route(api.grantAwards, async ({ db, actor, params, body }) =>
  grantAwards(db, actor, params.planId, body),
);
