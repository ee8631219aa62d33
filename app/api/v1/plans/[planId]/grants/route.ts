import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { planGrantsForUser } from "@/lib/server/dal/grants";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/grants: every grant for staff, the caller's own for an employee. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ planId: string }> }) => {
  const { planId } = await ctx.params;
  return jsonPrivate({ items: await planGrantsForUser(planId) });
});
