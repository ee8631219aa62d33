"use server";
import { revalidatePath } from "next/cache";
import { requestIp } from "@/lib/platform/http/clientIp";
import { z } from "zod";
import { acceptGrant } from "@/lib/features/me/queries";

/** Server action behind the "Confirm grant" button; the same function as POST /api/v1/grants/{id}/accept. */
export async function acceptGrantAction(form: FormData): Promise<void> {
  const grantId = z.string().uuid().parse(form.get("grantId"));
  const ip = await requestIp();
  await acceptGrant(grantId, ip);
  revalidatePath(`/grants/${grantId}`);
  revalidatePath("/");
}
