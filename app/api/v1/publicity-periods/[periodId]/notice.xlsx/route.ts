import { route } from "@/lib/auth/procedures/route";
import { publicityOperations as api } from "@/lib/features/openapi/operations/publicity";
import { downloadResponse } from "@/lib/platform/http/downloadResponse";
import { publicityPeriodDetail } from "@/lib/features/publicity/publicityReads";
import { buildPublicityNoticeXlsx } from "@/lib/features/publicity/publicityNotice";

export const dynamic = "force-dynamic";

/** GET /api/v1/publicity-periods/{id}/notice.xlsx: the notice to post (names and positions only, no formula cells). */
export const GET = route(api.getPublicityNotice, async ({ db, params }) => {
  const p = await publicityPeriodDetail(db, params.periodId);
  const xlsx = await buildPublicityNoticeXlsx({
    planName: p.planName,
    startDate: p.startDate,
    endDate: p.endDate,
    entries: p.entries,
  });
  return downloadResponse({
    filename: `${p.planName}-激励对象名单公示-${p.startDate}.xlsx`,
    asciiFilename: `publicity-notice-${p.startDate}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: new Uint8Array(xlsx),
  });
});
