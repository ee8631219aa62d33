"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { answerObjection, closePublicityPeriod, openPublicityPeriod } from "@/lib/features/publicity/commands";
import { answerObjectionBody, closePublicityBody, openPublicityBody } from "@/lib/features/publicity/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** Opens a publicity period; the same function as POST /api/v1/plans/{planId}/publicity-periods. */
export const openPublicityAction = action(
  { access: "staffWrite", input: z.object({ planId: uuid, body: openPublicityBody }) },
  async ({ db, actor, input: { planId, body } }) => {
    const period = await openPublicityPeriod(db, actor, planId, body);
    revalidatePath("/hr/publicity");
    return period;
  },
);

/** Answers or upholds an objection; the same function as PATCH /api/v1/objections/{id}. */
export const answerObjectionAction = action(
  { access: "staffWrite", input: z.object({ objectionId: uuid, body: answerObjectionBody }) },
  async ({ db, actor, input: { objectionId, body } }) => {
    const result = await answerObjection(db, actor, objectionId, body);
    revalidatePath(`/hr/publicity/${result.publicityPeriodId}`);
    return result;
  },
);

/** Closes a period with a summary; the same function as POST /api/v1/publicity-periods/{id}/close. */
export const closePublicityAction = action(
  { access: "staffWrite", input: z.object({ periodId: uuid, body: closePublicityBody }) },
  async ({ db, actor, input: { periodId, body } }) => {
    const result = await closePublicityPeriod(db, actor, periodId, body);
    revalidatePath(`/hr/publicity/${periodId}`);
    revalidatePath("/hr/publicity");
    return result;
  },
);
