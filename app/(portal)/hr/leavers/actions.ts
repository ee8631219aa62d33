"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { recordLeaver, recordLeaverSchema } from "@/lib/features/persons/commands";
import { staffAction } from "@/lib/auth/procedures/staffAction";
import { uuid } from "@/lib/platform/validation/common";

/** Records a departure (same service as POST /api/v1/persons/{personId}/leave). */
export const recordLeaverAction = staffAction(z.object({ personId: uuid, body: recordLeaverSchema }), async ({ personId, body }, actor) => {
  const result = await recordLeaver(await db(), actor, personId, body);
  revalidatePath("/hr/leavers");
  return { unchanged: result.unchanged, lapsedTranches: result.lapsed.length, lapsedQuantity: result.lapsed.reduce((s, l) => s + l.quantity, 0) };
});
