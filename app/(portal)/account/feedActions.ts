"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { issueCalendarFeed, revokeCalendarFeed } from "@/lib/features/calendar/calendarFeed";

/** What the feed panel shows: the new URL once, or that it was revoked. */
export type FeedState = { url?: string; revoked?: boolean };

/** Issues or revokes the secret calendar URL; the same functions as /api/v1/me/calendar-feed. */
export async function calendarFeedAction(_prev: FeedState, form: FormData): Promise<FeedState> {
  if (form.get("intent") === "revoke") {
    await revokeCalendarFeed();
    revalidatePath("/account");
    return { revoked: true };
  }
  const { token } = await issueCalendarFeed();
  const h = await headers();
  const origin = process.env.NEXTAUTH_URL ?? `http://${h.get("host")}`;
  revalidatePath("/account");
  return { url: new URL(`/api/v1/calendar-feeds/${token}.ics`, origin).toString() };
}
