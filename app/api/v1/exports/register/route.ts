import { route } from "@/lib/auth/procedures/route";
import { exportsOperations as api } from "@/lib/features/openapi/operations/exports";
import { clientIp, PRIVATE_NO_STORE } from "@/lib/platform/http/apiResponse";
import { exportRegister, registerExportInputFromQuery } from "@/lib/features/registers/registerExport";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import { attachmentDisposition } from "@/lib/features/publicity/publicityNotice";

export const dynamic = "force-dynamic";

/** GET /api/v1/exports/register?register=&format=&planId=&includeIdNumbers=: a register as a streamed download (admin, auditor). */
export const GET = route(api.exportRegister, async ({ db, user, query, req }) => {
  const input = registerExportInputFromQuery(query);
  // Tranche statuses depend on today: the register must not show yesterday's.
  await ensureDerivedToday(db);
  const file = await exportRegister(db, user, input, clientIp(req));
  return new Response(file.body, {
    headers: {
      ...PRIVATE_NO_STORE,
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.filename, file.asciiFilename),
      "X-Content-Type-Options": "nosniff",
    },
  });
});
