import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { adminActor } from "@/lib/auth/procedures/adminRoute";
import { createApiToken, createApiTokenSchema, listApiTokens } from "@/lib/features/admin/apiTokens";
import { db } from "@/lib/platform/db";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser } from "@/lib/auth/session";

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
