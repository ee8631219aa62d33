import { route } from "@/lib/auth/procedures/route";
import { meOperations as api } from "@/lib/features/openapi/operations/me";
import { issueCalendarFeed, revokeCalendarFeed } from "@/lib/features/calendar/calendarFeed";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/calendar-feed: issues a new secret feed URL (the old one stops working); shown once. */
export const POST = route(api.issueCalendarFeed, async ({ req }) => {
  const { token } = await issueCalendarFeed();
  return { url: new URL(`/api/v1/calendar-feeds/${token}.ics`, req.url).toString() };
});

/** DELETE /api/v1/me/calendar-feed: revokes the secret feed URL (204). */
export const DELETE = route(api.revokeCalendarFeed, async () => revokeCalendarFeed());
