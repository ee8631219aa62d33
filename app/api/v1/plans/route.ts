import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { plansForUser } from "@/lib/features/plans/queries";
import { createPlan } from "@/lib/features/plans/commands";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans: the plans the caller may see. */
export const GET = route(api.listPlans, async () => ({ items: await plansForUser() }));

/** POST /api/v1/plans: HR creates a draft plan; 201 with the plan as GET /api/v1/plans/{id} shows it. */
export const POST = route(api.createPlan, async ({ db, actor, body }) => createPlan(db, actor, body));
