import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { adminActor, portalOrigin } from "@/lib/server/admin/adminRoute";
import { createUser, createUserSchema } from "@/lib/server/admin/userChanges";
import { listUsers, userListQuerySchema } from "@/lib/server/admin/users";
import { db } from "@/lib/server/db";
import { readJson } from "@/lib/server/requestBody";
import { requireUser } from "@/lib/server/session";
import { parseQuery } from "@/lib/server/validation/common";

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
