import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { plansForUser } from "@/lib/features/plans/queries";
import { db } from "@/lib/platform/db";
import { createPlan, planInputSchema } from "@/lib/features/plans/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans: the plans the caller may see. */
export const GET = apiRoute(async () => jsonPrivate({ items: await plansForUser() }));

/** POST /api/v1/plans: HR creates a draft plan; 201 with the plan as GET /api/v1/plans/{id} shows it. */
export const POST = apiRoute(async (req: Request) => {
  const actor = await staffActor(req);
  const body = planInputSchema.parse(await readJson(req));
  return jsonPrivate(await createPlan(await db(), actor, body), 201);
});
