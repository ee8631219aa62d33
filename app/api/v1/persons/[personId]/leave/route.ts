import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { recordLeaver, recordLeaverSchema } from "@/lib/features/persons/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";

export const dynamic = "force-dynamic";

/** POST /api/v1/persons/{personId}/leave {leaveDate}: records a departure; unvested tranches lapse from that date. */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ personId: string }> }) => {
  const actor = await staffActor(req);
  const { personId } = await ctx.params;
  const body = recordLeaverSchema.parse(await readJson(req));
  const result = await recordLeaver(await db(), actor, personId, body);
  return jsonPrivate(result, result.unchanged ? 200 : 201);
});
