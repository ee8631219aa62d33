import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { plansForUser } from "@/lib/server/dal/plans";
import { db } from "@/lib/server/db";
import { createPlan, planInputSchema } from "@/lib/server/hr/plans";
import { staffActor } from "@/lib/server/hr/staffRoute";
import { readJson } from "@/lib/server/requestBody";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans: the plans the caller may see. */
export const GET = apiRoute(async () => jsonPrivate({ items: await plansForUser() }));

/** POST /api/v1/plans: HR creates a draft plan; 201 with the plan as GET /api/v1/plans/{id} shows it. */
export const POST = apiRoute(async (req: Request) => {
  const actor = await staffActor(req);
  const body = planInputSchema.parse(await readJson(req));
  return jsonPrivate(await createPlan(await db(), actor, body), 201);
});
