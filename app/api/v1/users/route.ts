import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { adminActor, portalOrigin } from "@/lib/auth/procedures/adminRoute";
import { createUser, createUserSchema } from "@/lib/features/admin/commands";
import { listUsers, userListQuerySchema } from "@/lib/features/admin/queries";
import { db } from "@/lib/platform/db";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser } from "@/lib/auth/session";
import { parseQuery } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

/** GET /api/v1/users?q=&role=&state=: users with roles, linked person, last sign-in and pending setup link (admins). */
export const GET = apiRoute(async (req: Request) => {
  await requireUser("admin");
  return jsonPrivate({ items: await listUsers(await db(), parseQuery(userListQuerySchema, req.url)) });
});

/** POST /api/v1/users: creates a user and answers the one-time password-setup link (also mailed). */
export const POST = apiRoute(async (req: Request) => {
  const actor = await adminActor(req);
  const body = createUserSchema.parse(await readJson(req));
  return jsonPrivate(await createUser(await db(), actor, body, portalOrigin(new URL(req.url).origin)), 201);
});
