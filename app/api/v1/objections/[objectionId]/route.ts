import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { answerObjection, answerObjectionBody } from "@/lib/features/publicity/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/objections/{id} {status: "answered"|"upheld", response}: HR's answer; upheld means a new list version must follow. */
export const PATCH = apiRoute(async (req: Request, ctx: { params: Promise<{ objectionId: string }> }) => {
  const actor = await staffActor(req);
  const { objectionId } = await ctx.params;
  const body = answerObjectionBody.parse(await readJson(req));
  return jsonPrivate(await answerObjection(await db(), actor, objectionId, body));
});
