"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { advancePlanStatus } from "@/lib/features/plans/commands";
import { PLAN_STATUSES } from "@/lib/features/plans/schemas";

const advanceInput = z.object({ planId: z.string().uuid(), to: z.enum(PLAN_STATUSES) });

/** Server action behind the plan page's "advance" button. */
export const advancePlanStatusAction = action(
  { access: "staffWrite", input: advanceInput },
  async ({ db, actor, input: { planId, to } }) => {
    const plan = await advancePlanStatus(db, actor, planId, to);
    revalidatePath("/hr/plans");
    revalidatePath(`/hr/plans/${planId}`);
    return { status: plan.status };
  },
);
