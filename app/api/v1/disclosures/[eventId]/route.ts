import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { deleteDisclosure, disclosurePatch, updateDisclosure } from "@/lib/features/disclosures/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { uuid } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ eventId: string }> };

/** PATCH /api/v1/disclosures/{eventId}: changes an event (e.g. the actual date of a postponed report); {event, affectedPlans, changedTranches}. */
export const PATCH = apiRoute(async (req: Request, ctx: Ctx) => {
  const actor = await staffActor(req);
  const eventId = uuid.parse((await ctx.params).eventId);
  const patch = disclosurePatch.parse(await readJson(req));
  return jsonPrivate(await updateDisclosure(await db(), actor, eventId, patch));
});

/** DELETE /api/v1/disclosures/{eventId}: removes an event entered in error; {event, affectedPlans, changedTranches}. */
export const DELETE = apiRoute(async (req: Request, ctx: Ctx) => {
  const actor = await staffActor(req);
  const eventId = uuid.parse((await ctx.params).eventId);
  return jsonPrivate(await deleteDisclosure(await db(), actor, eventId));
});
