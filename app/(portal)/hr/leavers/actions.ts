"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { recordLeaver } from "@/lib/features/persons/commands";
import { recordLeaverSchema } from "@/lib/features/persons/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** Records a departure (same service as POST /api/v1/persons/{personId}/leave). */
export const recordLeaverAction = action(
  { access: "staffWrite", input: z.object({ personId: uuid, body: recordLeaverSchema }) },
  async ({ db, actor, input: { personId, body } }) => {
    const result = await recordLeaver(db, actor, personId, body);
    revalidatePath("/hr/leavers");
    return {
      unchanged: result.unchanged,
      lapsedTranches: result.lapsed.length,
      lapsedQuantity: result.lapsed.reduce((s, l) => s + l.quantity, 0),
    };
  },
);
