import { route } from "@/lib/auth/procedures/route";
import { adminOperations as api } from "@/lib/features/openapi/operations/admin";
import { portalOrigin } from "@/lib/platform/http/portalOrigin";
import { resetPassword } from "@/lib/features/admin/commands";

export const dynamic = "force-dynamic";

/** POST /api/v1/users/{userId}/password-reset: ends the user's sessions and answers a fresh setup link (also mailed). */
export const POST = route(api.resetUserPassword, async ({ db, actor, params, req }) =>
  resetPassword(db, actor, params.userId, portalOrigin(new URL(req.url).origin)),
);
