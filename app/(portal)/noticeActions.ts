"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { readNotice } from "@/lib/features/me/commands";

const markRead = action(
  {
    access: "signedIn",
    input: z
      .instanceof(FormData)
      .transform((form) => form.get("noticeId"))
      .pipe(z.string().uuid()),
  },
  async ({ input: noticeId }) => {
    await readNotice(noticeId);
    revalidatePath("/");
  },
);

/** Marks a notice read from the home page; the same function as POST /api/v1/me/notices/{id}/read. */
export async function markNoticeReadAction(form: FormData): Promise<void> {
  const result = await markRead(form);
  // A plain form has no state to show a refusal in (another user's notice, a malformed id): it fails, as it always did.
  if (!result.ok) throw new Error(result.message);
}
