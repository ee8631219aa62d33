import { apiRoute, clientIp, jsonPrivate } from "@/lib/server/apiRoute";
import { fileObjection, objectionBody } from "@/lib/server/dal/publicity";
import { readJson } from "@/lib/server/requestBody";

export const dynamic = "force-dynamic";

/** POST /api/v1/publicity-periods/{id}/objections: files an objection and answers with its receipt. */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ periodId: string }> }) => {
  const { periodId } = await ctx.params;
  return jsonPrivate(await fileObjection(periodId, objectionBody.parse(await readJson(req)), clientIp(req)), 201);
});
