import { route } from "@/lib/auth/procedures/route";
import { publicityOperations as api } from "@/lib/features/openapi/operations/publicity";
import { PRIVATE_NO_STORE } from "@/lib/platform/http/apiResponse";
import { publicityPeriodDetail } from "@/lib/features/publicity/publicityReads";
import { attachmentDisposition, buildPublicityNoticeXlsx } from "@/lib/features/publicity/publicityNotice";

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
  return new Response(new Uint8Array(xlsx), {
    headers: {
      ...PRIVATE_NO_STORE,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentDisposition(
        `${p.planName}-激励对象名单公示-${p.startDate}.xlsx`,
        `publicity-notice-${p.startDate}.xlsx`,
      ),
      "X-Content-Type-Options": "nosniff",
    },
  });
});
