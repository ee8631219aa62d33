import { route } from "@/lib/auth/procedures/route";
import { adminSecurityOperations as api } from "@/lib/features/openapi/operations/adminSecurity";
import { listUserFactors, resetUserFactors } from "@/lib/features/admin/secondFactors";

export const dynamic = "force-dynamic";

/** GET /api/v1/users/{userId}/factors: the user's second factors and recovery codes left; never a secret (admins). */
export const GET = route(api.listUserFactors, async ({ db, params }) => listUserFactors(db, params.userId));

/**
 * DELETE /api/v1/users/{userId}/factors: removes the user's factors, recovery codes and remembered browsers and
 * signs them out everywhere; needs the admin's second factor within 10 minutes (STEP_UP_REQUIRED otherwise).
 */
export const DELETE = route(api.resetUserFactors, async ({ db, user, actor, params }) =>
  resetUserFactors(db, user, actor, params.userId),
);
