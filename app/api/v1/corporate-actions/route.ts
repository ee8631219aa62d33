import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { listCorporateActions, recordActionBody, recordCorporateAction } from "@/lib/features/corporate-actions/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/corporate-actions: {actions: [...row, affectedGrants, compensatedBy]}, newest first. */
export const GET = apiRoute(async () => {
  await requireUser(...STAFF_READ_ROLES);
  return jsonPrivate({ actions: await listCorporateActions(await db()) });
});

/** POST /api/v1/corporate-actions: the preview body plus {confirm: true, description?}; 201 {action, affected}; 400 CONFIRM_REQUIRED, 422 PRICE_BELOW_PAR. */
export const POST = apiRoute(async (req: Request) => {
  const actor = await staffActor(req);
  const body = recordActionBody.parse(await readJson(req));
  return jsonPrivate(await recordCorporateAction(await db(), actor, body), 201);
});
