import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { adminActor, portalOrigin } from "@/lib/auth/procedures/adminRoute";
import { resetPassword } from "@/lib/features/admin/commands";
import { db } from "@/lib/platform/db";

export const dynamic = "force-dynamic";

/** POST /api/v1/users/{userId}/password-reset: ends the user's sessions and answers a fresh setup link (also mailed). */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ userId: string }> }) => {
  const actor = await adminActor(req);
  const { userId } = await ctx.params;
  return jsonPrivate(await resetPassword(await db(), actor, userId, portalOrigin(new URL(req.url).origin)), 201);
});
