import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { adminActor } from "@/lib/auth/procedures/adminRoute";
import { revokeApiToken } from "@/lib/features/admin/apiTokens";
import { db } from "@/lib/platform/db";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/api-tokens/{tokenId}: revokes the token; revoking again answers the same record. */
export const DELETE = apiRoute(async (req: Request, ctx: { params: Promise<{ tokenId: string }> }) => {
  const actor = await adminActor(req);
  const { tokenId } = await ctx.params;
  return jsonPrivate(await revokeApiToken(await db(), actor, tokenId));
});
