import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { adminActor } from "@/lib/auth/procedures/adminRoute";
import { updateUser, updateUserSchema } from "@/lib/features/admin/commands";
import { userDetail } from "@/lib/features/admin/queries";
import { db } from "@/lib/platform/db";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ userId: string }> };

/** GET /api/v1/users/{userId} (admins). */
export const GET = apiRoute(async (_req: Request, ctx: Ctx) => {
  await requireUser("admin");
  return jsonPrivate(await userDetail(await db(), (await ctx.params).userId));
});

/** PATCH /api/v1/users/{userId} {displayName?, roles?, personEmployeeNo?, disabled?}: disabling signs the user out everywhere. */
export const PATCH = apiRoute(async (req: Request, ctx: Ctx) => {
  const actor = await adminActor(req);
  const { userId } = await ctx.params;
  const body = updateUserSchema.parse(await readJson(req));
  return jsonPrivate(await updateUser(await db(), actor, userId, body));
});
