import { route } from "@/lib/auth/procedures/route";
import { adminOperations as api } from "@/lib/features/openapi/operations/admin";
import { auditPage } from "@/lib/features/admin/auditViewer";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit-log?actor=&entityType=&entityId=&action=&from=&to=&cursor=&limit= (or the older before=): a page, newest first (admins, auditors). */
export const GET = route(api.listAuditLog, async ({ db, query }) => auditPage(db, query));
