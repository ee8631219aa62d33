import { route } from "@/lib/auth/procedures/route";
import { adminOperations as api } from "@/lib/features/openapi/operations/admin";
import { createApiToken, listApiTokens } from "@/lib/features/admin/apiTokens";

export const dynamic = "force-dynamic";

/** GET /api/v1/api-tokens: every token with prefix, role, owner and use; never the token or its hash (admins). */
export const GET = route(api.listApiTokens, async ({ db }) => ({ items: await listApiTokens(db) }));

/** POST /api/v1/api-tokens {name, role, userId}: answers the token this once (a signed-in admin: a token may not mint tokens). */
export const POST = route(api.createApiToken, async ({ db, actor, body }) => createApiToken(db, actor, body));
