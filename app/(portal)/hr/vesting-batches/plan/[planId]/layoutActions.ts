"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/procedures/action";
import { uuid } from "@/lib/platform/validation/common";
import { setRegistrarLayout } from "@/lib/features/vesting-batches/registrarLayout";
import { registrarLayoutBody } from "@/lib/features/vesting-batches/schemas";

/** Sets the plan's registrar-list column order (PUT /api/v1/plans/{planId}/registrar-layout); audited. */
export const setRegistrarLayoutAction = action(
  { access: "staffWrite", input: registrarLayoutBody.extend({ planId: uuid }) },
  async ({ db, actor, input: { planId, columns } }) => {
    const layout = await setRegistrarLayout(db, actor, planId, { columns });
    revalidatePath(`/hr/vesting-batches/plan/${planId}`);
    return layout;
  },
);
