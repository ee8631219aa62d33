import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { planForUser } from "@/lib/server/dal/plans";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}: one plan, 404 when unknown or not the caller's to see. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const { planId } = await ctx.params;
  return jsonPrivate(await planForUser(planId));
});
