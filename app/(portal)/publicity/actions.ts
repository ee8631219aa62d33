"use server";
import { revalidatePath } from "next/cache";
import { requestIp } from "@/lib/platform/http/clientIp";
import { ZodError } from "zod";
import { ApiError } from "@/lib/platform/errors/apiError";
import { fileObjection, objectionBody } from "@/lib/features/publicity/queries";

/** What the objection form shows after submitting. */
export type ObjectionState = { receiptNo?: string; error?: string };

/** Server action behind the objection form; the same function as POST /api/v1/publicity-periods/{id}/objections. */
export async function fileObjectionAction(_prev: ObjectionState, form: FormData): Promise<ObjectionState> {
  try {
    const ip = await requestIp();
    const receipt = await fileObjection(String(form.get("periodId") ?? ""), objectionBody.parse({ text: form.get("text") }), ip);
    revalidatePath("/publicity");
    return { receiptNo: receipt.receiptNo };
  } catch (e) {
    if (e instanceof ZodError) return { error: e.issues[0]?.message ?? "Invalid input" };
    if (e instanceof ApiError && e.status < 500) return { error: e.message };
    throw e;
  }
}
