import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";
import { db } from "@/lib/platform/db";
import { advancePlanStatus, advanceStatusSchema } from "@/lib/features/plans/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";

export const dynamic = "force-dynamic";

/** POST /api/v1/plans/{planId}/status {to}: moves the plan one step along its lifecycle (409 otherwise). */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const actor = await staffActor(req);
  const { planId } = await ctx.params;
  if (!isUuid(planId)) throw notFound("Plan");
  return jsonPrivate(await advancePlanStatus(await db(), actor, planId, advanceStatusSchema.parse(await readJson(req)).to));
});
