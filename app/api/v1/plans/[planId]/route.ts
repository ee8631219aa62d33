import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { planForUser } from "@/lib/features/plans/queries";
import { updatePlan } from "@/lib/features/plans/commands";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}: one plan, 404 when unknown or not the caller's to see. */
export const GET = route(api.getPlan, async ({ params }) => planForUser(params.planId));

/** PATCH /api/v1/plans/{planId}: edits a draft plan (the same body as POST /api/v1/plans). */
export const PATCH = route(api.updatePlan, async ({ db, actor, params, body }) =>
  updatePlan(db, actor, params.planId, body),
);
