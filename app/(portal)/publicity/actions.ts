"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { fileObjection } from "@/lib/features/publicity/commands";
import { objectionBody } from "@/lib/features/publicity/schemas";

/** What the objection form shows after submitting. */
export type ObjectionState = { receiptNo?: string; error?: string; code?: string };

const file = action(
  { access: "signedIn", input: z.object({ periodId: z.string(), body: objectionBody }) },
  async ({ actor, input: { periodId, body } }) => {
    const receipt = await fileObjection(periodId, body, actor.ip);
    revalidatePath("/publicity");
    return receipt;
  },
);

/** Server action behind the objection form; the same function as POST /api/v1/publicity-periods/{id}/objections. */
export async function fileObjectionAction(_prev: ObjectionState, form: FormData): Promise<ObjectionState> {
  const result = await file({ periodId: String(form.get("periodId") ?? ""), body: { text: form.get("text") } });
  if (result.ok) return { receiptNo: result.data.receiptNo };
  // A form that does not parse shows its first problem ("Write at least 5 characters."); a refusal its code
  // (read in the reader's language) with the message as the fallback.
  const issues =
    result.code === "BAD_REQUEST" && Array.isArray(result.details) ? (result.details as { message?: string }[]) : [];
  const issue = issues[0]?.message;
  return issue ? { error: issue } : { error: result.message, code: result.code };
}
