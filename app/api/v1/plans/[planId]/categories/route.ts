import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { updatePlanCategories } from "@/lib/features/plans/planCategories";

export const dynamic = "force-dynamic";

/** PUT /api/v1/plans/{planId}/categories {categories}: the plan's categories, matched by code, before it ends. */
export const PUT = route(api.updatePlanCategories, async ({ db, actor, params, body }) =>
  updatePlanCategories(db, actor, params.planId, body),
);
