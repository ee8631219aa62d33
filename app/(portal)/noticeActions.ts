"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { readNotice } from "@/lib/features/me/queries";

/** Marks a notice read from the home page; the same function as POST /api/v1/me/notices/{id}/read. */
export async function markNoticeReadAction(form: FormData): Promise<void> {
  await readNotice(z.string().uuid().parse(form.get("noticeId")));
  revalidatePath("/");
}
