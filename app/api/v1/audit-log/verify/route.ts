import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { requireOversight } from "@/lib/server/admin/adminRoute";
import { verifyAuditTrail } from "@/lib/server/admin/auditViewer";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit-log/verify: recomputes the hash chain; ok with the row count, or the first broken row. */
export const GET = apiRoute(async () => {
  await requireOversight();
  return jsonPrivate(await verifyAuditTrail(await db()));
});
