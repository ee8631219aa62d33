import { route } from "@/lib/auth/procedures/route";
import { requireFreshProof } from "@/lib/auth/secondFactor/stepUp";
import { adminOperations as api } from "@/lib/features/openapi/operations/admin";
import { updateUser } from "@/lib/features/admin/commands";
import { userDetail } from "@/lib/features/admin/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/users/{userId} (admins). */
export const GET = route(api.getUser, async ({ db, params }) => userDetail(db, params.userId));

/** PATCH /api/v1/users/{userId} {displayName?, roles?, personEmployeeNo?, disabled?}: disabling signs the user out everywhere. */
export const PATCH = route(api.updateUser, async ({ db, actor, user, params, body }) => {
  // Changing roles is sensitive: it needs a fresh second factor.
  if (body.roles) await requireFreshProof(db, user);
  return updateUser(db, actor, params.userId, body);
});
