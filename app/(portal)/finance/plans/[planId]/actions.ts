"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { recordFairValueMeasurement } from "@/lib/features/expense/commands";
import { fairValueMeasurementBody } from "@/lib/features/expense/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** POST /api/v1/plans/{planId}/fair-values from the finance page. */
export const recordFairValueAction = action(
  { access: "financeWrite", input: z.object({ planId: uuid, measurement: fairValueMeasurementBody }) },
  async ({ db, actor, input }) => {
    const r = await recordFairValueMeasurement(db, actor, input.planId, input.measurement);
    revalidatePath(`/finance/plans/${input.planId}`);
    return { id: r.id, fairValues: r.fairValues };
  },
);
