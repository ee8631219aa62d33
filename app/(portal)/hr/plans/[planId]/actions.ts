"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { advancePlanStatus, PLAN_STATUSES } from "@/lib/features/plans/commands";
import { staffAction } from "@/lib/auth/procedures/staffAction";

const advanceInput = z.object({ planId: z.string().uuid(), to: z.enum(PLAN_STATUSES) });

/** Server action behind the plan page's "advance" button. */
export async function advancePlanStatusAction(input: unknown) {
  const result = await staffAction(advanceInput, async ({ planId, to }, actor) => {
    const plan = await advancePlanStatus(await db(), actor, planId, to);
    return { status: plan.status };
  })(input);
  if (result.ok) {
    revalidatePath("/hr/plans");
    revalidatePath(`/hr/plans/${(input as { planId: string }).planId}`);
  }
  return result;
}
