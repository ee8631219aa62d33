import { route } from "@/lib/auth/procedures/route";
import { adminSecurityOperations as api } from "@/lib/features/openapi/operations/adminSecurity";
import { getSecuritySettings, updateSecuritySettings } from "@/lib/features/admin/securitySettings";

export const dynamic = "force-dynamic";

/** GET /api/v1/admin/security-settings: the staff grace period before a second factor is forced (admins). */
export const GET = route(api.getSecuritySettings, async ({ db }) => getSecuritySettings(db));

/** PUT /api/v1/admin/security-settings {staffGraceDays}: 0 to 90 days, audited with before and after. */
export const PUT = route(api.updateSecuritySettings, async ({ db, actor, body }) =>
  updateSecuritySettings(db, actor, body),
);
