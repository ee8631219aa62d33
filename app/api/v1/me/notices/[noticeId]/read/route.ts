import { apiRoute } from "@/lib/platform/http/apiResponse";
import { readNotice } from "@/lib/features/me/queries";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/notices/{id}/read: marks a notice read. */
export const POST = apiRoute(async (_req: Request, ctx: { params: Promise<{ noticeId: string }> }) => {
  const { noticeId } = await ctx.params;
  await readNotice(noticeId);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
