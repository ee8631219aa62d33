import { route } from "@/lib/auth/procedures/route";
import { adminSecurityOperations as api } from "@/lib/features/openapi/operations/adminSecurity";
import { clearLoginThrottle, listLoginThrottles } from "@/lib/features/admin/loginThrottles";

export const dynamic = "force-dynamic";

/** GET /api/v1/admin/login-throttles: accounts and IPs with failed sign-ins in the last hour and their wait (admins). */
export const GET = route(api.listLoginThrottles, async ({ db }) => ({ items: await listLoginThrottles(db) }));

/** DELETE /api/v1/admin/login-throttles {kind, key}: removes that key's failed sign-ins of the last hour (audited). */
export const DELETE = route(api.clearLoginThrottle, async ({ db, actor, body }) => clearLoginThrottle(db, actor, body));
