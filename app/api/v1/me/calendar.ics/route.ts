import { route } from "@/lib/auth/procedures/route";
import { meOperations as api } from "@/lib/features/openapi/operations/me";
import { myCalendarIcs } from "@/lib/features/calendar/calendarFeed";
import { icsResponse } from "@/lib/platform/http/icsResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/calendar.ics: the signed-in user's vesting windows, earliest dates and blackouts. */
export const GET = route(api.getMyCalendar, async () => icsResponse(await myCalendarIcs()));
