import { route } from "@/lib/auth/procedures/route";
import { meOperations as api } from "@/lib/features/openapi/operations/me";
import { jsonTextPrivate } from "@/lib/platform/http/apiResponse";
import { myGrantsBody } from "@/lib/features/grants/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/me/grants: the caller's own grants. The body is preloaded, so that it travels in the same
 * statement as the session check the access check makes (one round trip); it authorizes itself as well.
 */
export const GET = route({ ...api.listMyGrants, preload: myGrantsBody }, async ({ preloaded }) =>
  jsonTextPrivate(preloaded),
);
