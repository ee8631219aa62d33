import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { notFound } from "@/lib/server/apiError";
import { isUuid } from "@/lib/server/validation/common";
import { db } from "@/lib/server/db";
import { advancePlanStatus, advanceStatusSchema } from "@/lib/server/hr/plans";
import { staffActor } from "@/lib/server/hr/staffRoute";
import { readJson } from "@/lib/server/requestBody";

export const dynamic = "force-dynamic";

/** POST /api/v1/plans/{planId}/status {to}: moves the plan one step along its lifecycle (409 otherwise). */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const actor = await staffActor(req);
  const { planId } = await ctx.params;
  if (!isUuid(planId)) throw notFound("Plan");
  return jsonPrivate(await advancePlanStatus(await db(), actor, planId, advanceStatusSchema.parse(await readJson(req)).to));
});
