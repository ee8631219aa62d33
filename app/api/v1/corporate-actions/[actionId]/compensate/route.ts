import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { compensateCorporateAction, compensateRequestBody } from "@/lib/features/corporate-actions/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

/** POST /api/v1/corporate-actions/{id}/compensate: records the action that reverses it (the only undo). */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ actionId: string }> }) => {
  const actor = await staffActor(req);
  const { actionId } = await ctx.params;
  if (!isUuid(actionId)) throw notFound("Corporate action");
  const text = await req.clone().text();
  const input = text.trim() ? compensateRequestBody.parse(await readJson(req)) : {};
  return jsonPrivate(await compensateCorporateAction(await db(), actor, actionId, input.description), 201);
});
