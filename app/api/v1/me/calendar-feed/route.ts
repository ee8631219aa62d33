import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { issueCalendarFeed, revokeCalendarFeed } from "@/lib/features/calendar/calendarFeed";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/calendar-feed: issues a new secret feed URL (the old one stops working); shown once. */
export const POST = apiRoute(async (req: Request) => {
  const { token } = await issueCalendarFeed();
  const url = new URL(`/api/v1/calendar-feeds/${token}.ics`, req.url).toString();
  return jsonPrivate({ url }, 201);
});

/** DELETE /api/v1/me/calendar-feed: revokes the secret feed URL. */
export const DELETE = apiRoute(async () => {
  await revokeCalendarFeed();
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
