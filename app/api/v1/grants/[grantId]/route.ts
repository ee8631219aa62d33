import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { grantForUser } from "@/lib/features/grants/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/grants/{grantId}: someone else's grant answers 404, exactly like a missing one. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ grantId: string }> }) => {
  const { grantId } = await ctx.params;
  return jsonPrivate(await grantForUser(grantId));
});
