import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { adminActor } from "@/lib/server/admin/adminRoute";
import { createApiToken, createApiTokenSchema, listApiTokens } from "@/lib/server/admin/apiTokens";
import { db } from "@/lib/server/db";
import { readJson } from "@/lib/server/requestBody";
import { requireUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/api-tokens: every token with prefix, role, owner and use; never the token or its hash (admins). */
export const GET = apiRoute(async () => {
  await requireUser("admin");
  return jsonPrivate({ items: await listApiTokens(await db()) });
});

/** POST /api/v1/api-tokens {name, role, userId}: answers the token this once. */
export const POST = apiRoute(async (req: Request) => {
  const actor = await adminActor(req);
  const body = createApiTokenSchema.parse(await readJson(req));
  return jsonPrivate(await createApiToken(await db(), actor, body), 201);
});
