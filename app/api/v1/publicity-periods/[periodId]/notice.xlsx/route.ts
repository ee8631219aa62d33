import { apiRoute, PRIVATE_NO_STORE } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { publicityPeriodDetail } from "@/lib/features/publicity/commands";
import { attachmentDisposition, buildPublicityNoticeXlsx } from "@/lib/features/publicity/publicityNotice";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/publicity-periods/{id}/notice.xlsx: the notice to post (names and positions only, no formula cells). */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ periodId: string }> }) => {
  await requireUser(...STAFF_READ_ROLES);
  const { periodId } = await ctx.params;
  const p = await publicityPeriodDetail(await db(), periodId);
  const xlsx = await buildPublicityNoticeXlsx({ planName: p.planName, startDate: p.startDate, endDate: p.endDate, entries: p.entries });
  return new Response(new Uint8Array(xlsx), {
    headers: {
      ...PRIVATE_NO_STORE,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentDisposition(`${p.planName}-激励对象名单公示-${p.startDate}.xlsx`, `publicity-notice-${p.startDate}.xlsx`),
      "X-Content-Type-Options": "nosniff",
    },
  });
});
