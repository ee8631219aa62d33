import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { db } from "@/lib/server/db";
import { listPublicityPeriods, openPublicityBody, openPublicityPeriod } from "@/lib/server/hr/publicity";
import { staffActor } from "@/lib/server/hr/staffRoute";
import { readJson } from "@/lib/server/requestBody";
import { requireUser, STAFF_READ_ROLES } from "@/lib/server/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ planId: string }> };

/** POST /api/v1/plans/{planId}/publicity-periods: opens the list's publicity (>= 10 days) -> 201 {id, planId, listVersionId, startDate, endDate, channel, status}. */
export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const actor = await staffActor(req);
  const { planId } = await ctx.params;
  const body = openPublicityBody.parse(await readJson(req));
  return jsonPrivate(await openPublicityPeriod(await db(), actor, planId, body), 201);
});

/** GET /api/v1/plans/{planId}/publicity-periods: the plan's periods with objection counts by status. */
export const GET = apiRoute(async (_req: Request, ctx: Ctx) => {
  await requireUser(...STAFF_READ_ROLES);
  const { planId } = await ctx.params;
  return jsonPrivate({ items: await listPublicityPeriods(await db(), planId) });
});
