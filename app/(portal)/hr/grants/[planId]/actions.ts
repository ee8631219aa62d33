"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { grantAwards, grantAwardsSchema } from "@/lib/features/grants/grantCommands";
import { staffAction } from "@/lib/auth/procedures/staffAction";
import { uuid } from "@/lib/platform/validation/common";

/** Grants a batch (same service as POST /api/v1/plans/{planId}/grants). */
export const grantAwardsAction = staffAction(z.object({ planId: uuid, body: grantAwardsSchema }), async ({ planId, body }, actor) => {
  const result = await grantAwards(await db(), actor, planId, body);
  revalidatePath(`/hr/grants/${planId}`);
  return { batchId: result.batchId, count: result.grants.length, quantity: result.grants.reduce((s, g) => s + g.quantity, 0) };
});
