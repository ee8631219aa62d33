import { route } from "@/lib/auth/procedures/route";
import { meOperations as api } from "@/lib/features/openapi/operations/me";
import { calendarIcsForToken } from "@/lib/features/calendar/calendarFeed";
import { icsResponse } from "@/lib/platform/http/icsResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar-feeds/{secret}.ics: the feed for calendar apps, which cannot sign in; revocable. */
export const GET = route(api.getCalendarFeed, async ({ params }) =>
  icsResponse(await calendarIcsForToken(params.token.replace(/\.ics$/, ""))),
);
