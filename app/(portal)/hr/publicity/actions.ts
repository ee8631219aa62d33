"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { answerObjection, answerObjectionBody, closePublicityBody, closePublicityPeriod, openPublicityBody, openPublicityPeriod } from "@/lib/features/publicity/commands";
import { staffAction } from "@/lib/auth/procedures/staffAction";
import { uuid } from "@/lib/platform/validation/common";

const open = staffAction(z.object({ planId: uuid, body: openPublicityBody }), async ({ planId, body }, actor) => {
  const period = await openPublicityPeriod(await db(), actor, planId, body);
  revalidatePath("/hr/publicity");
  return period;
});
const answer = staffAction(z.object({ objectionId: uuid, body: answerObjectionBody }), async ({ objectionId, body }, actor) => {
  const result = await answerObjection(await db(), actor, objectionId, body);
  revalidatePath(`/hr/publicity/${result.publicityPeriodId}`);
  return result;
});
const close = staffAction(z.object({ periodId: uuid, body: closePublicityBody }), async ({ periodId, body }, actor) => {
  const result = await closePublicityPeriod(await db(), actor, periodId, body);
  revalidatePath(`/hr/publicity/${periodId}`);
  revalidatePath("/hr/publicity");
  return result;
});

/** Opens a publicity period; the same function as POST /api/v1/plans/{planId}/publicity-periods. */
export async function openPublicityAction(input: { planId: string; body: z.input<typeof openPublicityBody> }) {
  return open(input);
}

/** Answers or upholds an objection; the same function as PATCH /api/v1/objections/{id}. */
export async function answerObjectionAction(input: { objectionId: string; body: z.input<typeof answerObjectionBody> }) {
  return answer(input);
}

/** Closes a period with a summary; the same function as POST /api/v1/publicity-periods/{id}/close. */
export async function closePublicityAction(input: { periodId: string; body: z.input<typeof closePublicityBody> }) {
  return close(input);
}

