import { apiRoute } from "@/lib/platform/http/apiResponse";
import { calendarIcsForToken } from "@/lib/features/calendar/calendarFeed";
import { icsResponse } from "@/lib/platform/http/icsResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar-feeds/{secret}.ics: the feed for calendar apps, which cannot sign in; revocable. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ token: string }> }) => {
  const { token } = await ctx.params;
  return icsResponse(await calendarIcsForToken(token.replace(/\.ics$/, "")));
});
