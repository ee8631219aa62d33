"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { issueCalendarFeed, revokeCalendarFeed } from "@/lib/features/calendar/calendarFeed";

/** What the feed panel shows: the new URL once, or that it was revoked. */
export type FeedState = { url?: string; revoked?: boolean };

const feed = action(
  {
    access: "signedIn",
    input: z.instanceof(FormData).transform((form) => (form.get("intent") === "revoke" ? "revoke" : "issue")),
  },
  async ({ input: intent }): Promise<FeedState> => {
    if (intent === "revoke") {
      await revokeCalendarFeed();
      revalidatePath("/account");
      return { revoked: true };
    }
    const { token } = await issueCalendarFeed();
    const h = await headers();
    const origin = process.env.NEXTAUTH_URL ?? `http://${h.get("host")}`;
    revalidatePath("/account");
    return { url: new URL(`/api/v1/calendar-feeds/${token}.ics`, origin).toString() };
  },
);

/** Issues or revokes the secret calendar URL; the same functions as /api/v1/me/calendar-feed. */
export async function calendarFeedAction(_prev: FeedState, form: FormData): Promise<FeedState> {
  const result = await feed(form);
  // The panel's state has no place for a refusal (a session that ended meanwhile): it fails, as it always did.
  if (!result.ok) throw new Error(result.message);
  return result.data;
}
