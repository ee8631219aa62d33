import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { createDisclosure, disclosureBody, disclosureQuery, listDisclosures } from "@/lib/features/disclosures/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { parseQuery } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

/** GET /api/v1/disclosures?from=&to=&planId=: events with their derived blackout window per plan (staff read roles). */
export const GET = apiRoute(async (req: Request) => {
  await requireUser(...STAFF_READ_ROLES);
  return jsonPrivate(await listDisclosures(await db(), parseQuery(disclosureQuery, req.url)));
});

/** POST /api/v1/disclosures: adds an event; 201 {event, affectedPlans, changedTranches}, 422 INVALID_EVENT. */
export const POST = apiRoute(async (req: Request) => {
  const actor = await staffActor(req);
  const body = disclosureBody.parse(await readJson(req));
  return jsonPrivate(await createDisclosure(await db(), actor, body), 201);
});
