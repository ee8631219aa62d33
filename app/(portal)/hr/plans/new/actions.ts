"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/platform/db";
import { z } from "zod";
import { createPlan, planInputSchema, updatePlan } from "@/lib/features/plans/commands";
import { staffAction } from "@/lib/auth/procedures/staffAction";

/** Server action behind the new-plan form; the same service as POST /api/v1/plans. */
export async function createPlanAction(input: unknown) {
  const result = await staffAction(planInputSchema, async (body, actor) => {
    const plan = await createPlan(await db(), actor, body);
    return { id: plan.id };
  })(input);
  if (result.ok) revalidatePath("/hr/plans");
  return result;
}

/** Server action behind the edit form of a draft plan; the same service as PATCH /api/v1/plans/{id}. */
export async function updatePlanAction(input: unknown) {
  const result = await staffAction(z.object({ planId: z.string().uuid(), body: planInputSchema }), async ({ planId, body }, actor) => {
    const plan = await updatePlan(await db(), actor, planId, body);
    return { id: plan.id };
  })(input);
  if (result.ok) revalidatePath("/hr/plans");
  return result;
}
