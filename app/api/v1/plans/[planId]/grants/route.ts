import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { planGrantsForUser } from "@/lib/features/grants/queries";
import { db } from "@/lib/platform/db";
import { grantAwards, grantAwardsSchema } from "@/lib/features/grants/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/grants: every grant for staff, the caller's own for an employee. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const { planId } = await ctx.params;
  return jsonPrivate({ items: await planGrantsForUser(planId) });
});

/** POST /api/v1/plans/{planId}/grants: a first or reserved grant batch (HR, admin); 201 {batchId, grants}. */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const actor = await staffActor(req);
  const { planId } = await ctx.params;
  if (!isUuid(planId)) throw notFound("Plan");
  const body = grantAwardsSchema.parse(await readJson(req));
  return jsonPrivate(await grantAwards(await db(), actor, planId, body), 201);
});
