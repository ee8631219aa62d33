"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { correctDeparture, recordLeaver, withdrawDeparture } from "@/lib/features/persons/departures";
import type { DepartureResult } from "@/lib/features/persons/departures";
import { correctDepartureSchema, recordLeaverSchema, withdrawDepartureSchema } from "@/lib/features/persons/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** What the forms show: whether anything changed and how many tranches lapsed or came back. */
function summary(result: DepartureResult) {
  return {
    unchanged: result.unchanged,
    lapsedTranches: result.lapsed.length,
    lapsedQuantity: result.lapsed.reduce((s, l) => s + l.quantity, 0),
    restoredTranches: result.restored.length,
  };
}

/** Records a departure (same service as POST /api/v1/persons/{personId}/leave). */
export const recordLeaverAction = action(
  { access: "staffWrite", input: z.object({ personId: uuid, body: recordLeaverSchema }) },
  async ({ db, actor, input: { personId, body } }) => {
    const result = await recordLeaver(db, actor, personId, body);
    revalidatePath("/hr/leavers");
    return summary(result);
  },
);

/** Corrects the departure in force (same service as POST /api/v1/persons/{personId}/departures/corrections). */
export const correctDepartureAction = action(
  { access: "staffWrite", input: z.object({ personId: uuid, body: correctDepartureSchema }) },
  async ({ db, actor, input: { personId, body } }) => {
    const result = await correctDeparture(db, actor, personId, body);
    revalidatePath("/hr/leavers");
    return summary(result);
  },
);

/** Withdraws the departure in force (same service as POST /api/v1/persons/{personId}/departures/withdrawal). */
export const withdrawDepartureAction = action(
  { access: "staffWrite", input: z.object({ personId: uuid, body: withdrawDepartureSchema }) },
  async ({ db, actor, input: { personId, body } }) => {
    const result = await withdrawDeparture(db, actor, personId, body);
    revalidatePath("/hr/leavers");
    return summary(result);
  },
);
