import { apiRoute } from "@/lib/server/apiRoute";
import { myCalendarIcs } from "@/lib/server/dal/calendarFeed";
import { icsResponse } from "@/lib/server/icsResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/calendar.ics: the signed-in user's vesting windows, earliest dates and blackouts. */
export const GET = apiRoute(async () => icsResponse(await myCalendarIcs()));
