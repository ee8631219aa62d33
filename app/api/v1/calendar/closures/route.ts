import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { addClosures, closuresBody, listClosures } from "@/lib/features/calendar/commands";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar/closures: {bundledLastYear, publishedYears, closures}. */
export const GET = apiRoute(async () => {
  await requireUser(...STAFF_READ_ROLES);
  return jsonPrivate(await listClosures(await db()));
});

/** POST /api/v1/calendar/closures {year, closures: [{date, reason}], published} (admin or HR); 422 YEAR_ALREADY_PUBLISHED, 409 DUPLICATE_CLOSURE. */
export const POST = apiRoute(async (req: Request) => {
  const actor = await staffActor(req);
  const body = closuresBody.parse(await readJson(req));
  return jsonPrivate(await addClosures(await db(), actor, body), 201);
});
