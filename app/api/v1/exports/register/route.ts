import { apiRoute, clientIp, PRIVATE_NO_STORE } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { exportRegister, registerExportInputFromQuery, registerExportQuerySchema } from "@/lib/features/registers/registerExport";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import { attachmentDisposition } from "@/lib/features/publicity/publicityNotice";
import { requireUser } from "@/lib/auth/session";
import { parseQuery } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

/** GET /api/v1/exports/register?register=&format=&planId=&includeIdNumbers=: a register as a streamed download (admin, auditor). */
export const GET = apiRoute(async (req: Request) => {
  // Role first, so a caller without access learns nothing from validation errors.
  const user = await requireUser("admin", "auditor");
  const input = registerExportInputFromQuery(parseQuery(registerExportQuerySchema, req.url));
  const database = await db();
  // Tranche statuses depend on today: the register must not show yesterday's.
  await ensureDerivedToday(database);
  const file = await exportRegister(database, user, input, clientIp(req));
  return new Response(file.body, {
    headers: {
      ...PRIVATE_NO_STORE,
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.filename, file.asciiFilename),
      "X-Content-Type-Options": "nosniff",
    },
  });
});
