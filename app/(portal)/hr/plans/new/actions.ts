"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { createPlan, planInputSchema, updatePlan } from "@/lib/features/plans/commands";
import { updatePlanCategories } from "@/lib/features/plans/planCategories";
import { planCategoriesInputSchema } from "@/lib/features/plans/schemas";

/** Server action behind the new-plan form; the same service as POST /api/v1/plans. */
export const createPlanAction = action(
  { access: "staffWrite", input: planInputSchema },
  async ({ db, actor, input }) => {
    const plan = await createPlan(db, actor, input);
    revalidatePath("/hr/plans");
    return { id: plan.id };
  },
);

/** Server action behind the edit form of a draft plan; the same service as PATCH /api/v1/plans/{id}. */
export const updatePlanAction = action(
  { access: "staffWrite", input: z.object({ planId: z.string().uuid(), body: planInputSchema }) },
  async ({ db, actor, input: { planId, body } }) => {
    const plan = await updatePlan(db, actor, planId, body);
    revalidatePath("/hr/plans");
    return { id: plan.id };
  },
);

/** Server action behind the edit form of a plan past draft (categories only); the same service as PUT /api/v1/plans/{id}/categories. */
export const updatePlanCategoriesAction = action(
  { access: "staffWrite", input: z.object({ planId: z.string().uuid(), body: planCategoriesInputSchema }) },
  async ({ db, actor, input: { planId, body } }) => {
    const plan = await updatePlanCategories(db, actor, planId, body);
    revalidatePath("/hr/plans");
    revalidatePath(`/hr/plans/${planId}`);
    return { id: plan.id };
  },
);
