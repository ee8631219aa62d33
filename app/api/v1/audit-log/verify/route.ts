import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { requireOversight } from "@/lib/auth/procedures/adminRoute";
import { verifyAuditTrail } from "@/lib/features/admin/auditViewer";
import { db } from "@/lib/platform/db";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit-log/verify: recomputes the hash chain; ok with the row count, or the first broken row. */
export const GET = apiRoute(async () => {
  await requireOversight();
  return jsonPrivate(await verifyAuditTrail(await db()));
});
