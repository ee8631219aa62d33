import { apiRoute } from "@/lib/server/apiRoute";
import { calendarIcsForToken } from "@/lib/server/dal/calendarFeed";
import { icsResponse } from "@/lib/server/icsResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar-feeds/{secret}.ics: the feed for calendar apps, which cannot sign in; revocable. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ token: string }> }) => {
  const { token } = await ctx.params;
  return icsResponse(await calendarIcsForToken(token.replace(/\.ics$/, "")));
});
