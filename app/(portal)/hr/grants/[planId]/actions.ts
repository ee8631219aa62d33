"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { grantAwards } from "@/lib/features/grants/commands";
import { grantAwardsSchema } from "@/lib/features/grants/schemas";
import { voidBatchBody, voidGrantBatch } from "@/lib/features/grants/batchVoid";
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

/** Voids a batch recorded by mistake (same service as POST /api/v1/grant-batches/{batchId}/void). */
export const voidBatchAction = action(
  { access: "staffWrite", input: voidBatchBody.extend({ planId: uuid, batchId: uuid }) },
  async ({ db, actor, input: { planId, batchId, reason } }) => {
    const result = await voidGrantBatch(db, actor, batchId, { reason });
    revalidatePath(`/hr/grants/${planId}`);
    return { grants: result.grants, planStatus: result.planStatus };
  },
);
