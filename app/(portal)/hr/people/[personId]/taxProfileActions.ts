"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { setTaxProfile } from "@/lib/features/tax/taxProfiles";
import { taxProfileInput } from "@/lib/features/tax/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** Records a person's tax profile (same service as PUT /api/v1/persons/{personId}/tax-profile). */
export const setTaxProfileAction = action(
  { access: "staffWrite", input: z.object({ personId: uuid, profile: taxProfileInput }) },
  async ({ db, actor, input }) => {
    const profile = await setTaxProfile(db, actor, input.personId, input.profile);
    revalidatePath(`/hr/people/${input.personId}`);
    return profile;
  },
);
