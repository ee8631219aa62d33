import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { requireOversight } from "@/lib/auth/procedures/adminRoute";
import { auditPage, auditQuerySchema } from "@/lib/features/admin/auditViewer";
import { db } from "@/lib/platform/db";
import { parseQuery } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit-log?actor=&entityType=&entityId=&action=&from=&to=&before=: 50 rows, newest first (admins, auditors). */
export const GET = apiRoute(async (req: Request) => {
  await requireOversight();
  return jsonPrivate(await auditPage(await db(), parseQuery(auditQuerySchema, req.url)));
});
