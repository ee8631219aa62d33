import { apiRoute, clientIp, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { acceptGrant } from "@/lib/features/me/queries";

export const dynamic = "force-dynamic";

/** POST /api/v1/grants/{grantId}/accept: the grantee confirms the grant (idempotent). */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ grantId: string }> }) => {
  const { grantId } = await ctx.params;
  return jsonPrivate(await acceptGrant(grantId, clientIp(req)));
});
