import { route } from "@/lib/auth/procedures/route";
import { exportsOperations as api } from "@/lib/features/openapi/operations/exports";
import { clientIp } from "@/lib/platform/http/apiResponse";
import { downloadResponse } from "@/lib/platform/http/downloadResponse";
import { exportRegister, registerExportInputFromQuery } from "@/lib/features/registers/registerExport";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";

export const dynamic = "force-dynamic";

/** GET /api/v1/exports/register?register=&format=&planId=&includeIdNumbers=: a register as a streamed download (admin, auditor). */
export const GET = route(api.exportRegister, async ({ db, user, query, req }) => {
  const input = registerExportInputFromQuery(query);
  // Tranche statuses depend on today: the register must not show yesterday's.
  await ensureDerivedToday(db);
  const file = await exportRegister(db, user, input, clientIp(req));
  return downloadResponse(file);
});
