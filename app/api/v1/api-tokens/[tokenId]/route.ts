import { route } from "@/lib/auth/procedures/route";
import { adminOperations as api } from "@/lib/features/openapi/operations/admin";
import { revokeApiToken } from "@/lib/features/admin/apiTokens";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/api-tokens/{tokenId}: revokes the token; revoking again answers the same record (a signed-in admin, no token). */
export const DELETE = route(api.revokeApiToken, async ({ db, actor, params }) =>
  revokeApiToken(db, actor, params.tokenId),
);
