import { route } from "@/lib/auth/procedures/route";
import { calendarOperations as api } from "@/lib/features/openapi/operations/calendar";
import { addClosures, listClosures } from "@/lib/features/calendar/commands";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar/closures: {bundledLastYear, publishedYears, closures}. */
export const GET = route(api.listClosures, async ({ db }) => listClosures(db));

/** POST /api/v1/calendar/closures {year, closures: [{date, reason}], published} (admin or HR); 422 YEAR_ALREADY_PUBLISHED, 409 DUPLICATE_CLOSURE. */
export const POST = route(api.addClosures, async ({ db, actor, body }) => addClosures(db, actor, body));
