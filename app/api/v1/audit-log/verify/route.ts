import { route } from "@/lib/auth/procedures/route";
import { adminOperations as api } from "@/lib/features/openapi/operations/admin";
import { verifyAuditTrail } from "@/lib/features/admin/auditViewer";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit-log/verify: recomputes the hash chain; ok with the row count, or the first broken row. */
export const GET = route(api.verifyAuditLog, async ({ db }) => verifyAuditTrail(db));
