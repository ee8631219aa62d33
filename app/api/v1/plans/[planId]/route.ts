import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { planForUser } from "@/lib/features/plans/planQueries";
import { notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";
import { db } from "@/lib/platform/db";
import { planInputSchema, updatePlan } from "@/lib/features/plans/planCommands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}: one plan, 404 when unknown or not the caller's to see. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const { planId } = await ctx.params;
  return jsonPrivate(await planForUser(planId));
});

/** PATCH /api/v1/plans/{planId}: edits a draft plan (the same body as POST /api/v1/plans). */
export const PATCH = apiRoute(async (req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const actor = await staffActor(req);
  const { planId } = await ctx.params;
  if (!isUuid(planId)) throw notFound("Plan");
  return jsonPrivate(await updatePlan(await db(), actor, planId, planInputSchema.parse(await readJson(req))));
});
