"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { grantAwards } from "@/lib/features/grants/commands";
import { grantAwardsSchema } from "@/lib/features/grants/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** Grants a batch (same service as POST /api/v1/plans/{planId}/grants). */
export const grantAwardsAction = action(
  { access: "staffWrite", input: z.object({ planId: uuid, body: grantAwardsSchema }) },
  async ({ db, actor, input: { planId, body } }) => {
    const result = await grantAwards(db, actor, planId, body);
    revalidatePath(`/hr/grants/${planId}`);
    return {
      batchId: result.batchId,
      count: result.grants.length,
      quantity: result.grants.reduce((s, g) => s + g.quantity, 0),
    };
  },
);
