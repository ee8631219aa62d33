import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { closePublicityBody, closePublicityPeriod } from "@/lib/features/publicity/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";

export const dynamic = "force-dynamic";

/** POST /api/v1/publicity-periods/{id}/close {summary}: closes the period after its end date (422 PUBLICITY_NOT_ENDED before). */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ periodId: string }> }) => {
  const actor = await staffActor(req);
  const { periodId } = await ctx.params;
  const body = closePublicityBody.parse(await readJson(req));
  return jsonPrivate(await closePublicityPeriod(await db(), actor, periodId, body));
});
