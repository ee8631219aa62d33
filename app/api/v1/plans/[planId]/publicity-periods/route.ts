import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { listPublicityPeriods, openPublicityBody, openPublicityPeriod } from "@/lib/features/publicity/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

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
