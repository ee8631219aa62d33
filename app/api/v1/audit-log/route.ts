import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { requireOversight } from "@/lib/server/admin/adminRoute";
import { auditPage, auditQuerySchema } from "@/lib/server/admin/auditViewer";
import { db } from "@/lib/server/db";
import { parseQuery } from "@/lib/server/validation/common";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit-log?actor=&entityType=&entityId=&action=&from=&to=&before=: 50 rows, newest first (admins, auditors). */
export const GET = apiRoute(async (req: Request) => {
  await requireOversight();
  return jsonPrivate(await auditPage(await db(), parseQuery(auditQuerySchema, req.url)));
});
