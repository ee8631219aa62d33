import { apiRoute } from "@/lib/platform/http/apiResponse";
import { myCalendarIcs } from "@/lib/features/calendar/calendarFeed";
import { icsResponse } from "@/lib/platform/http/icsResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/calendar.ics: the signed-in user's vesting windows, earliest dates and blackouts. */
export const GET = apiRoute(async () => icsResponse(await myCalendarIcs()));
