"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { acceptGrant } from "@/lib/features/me/commands";

const accept = action(
  {
    access: "signedIn",
    input: z
      .instanceof(FormData)
      .transform((form) => form.get("grantId"))
      .pipe(z.string().uuid()),
  },
  async ({ actor, input: grantId }) => {
    await acceptGrant(grantId, actor.ip);
    revalidatePath(`/grants/${grantId}`);
    revalidatePath("/");
  },
);

/** Server action behind the "Confirm grant" button; the same function as POST /api/v1/grants/{id}/accept. */
export async function acceptGrantAction(form: FormData): Promise<void> {
  const result = await accept(form);
  // A plain form has no state to show a refusal in (someone else's grant is 404): it fails, as it always did.
  if (!result.ok) throw new Error(result.message);
}
