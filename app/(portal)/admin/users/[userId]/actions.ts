"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/procedures/adminAction";
import { actionOrigin } from "@/lib/auth/procedures/adminRoute";
import { resetPassword, updateUser, updateUserSchema } from "@/lib/features/admin/commands";
import { db } from "@/lib/platform/db";
import { uuid } from "@/lib/platform/validation/common";

/** Changes name, roles, person link or enabled state (same service as PATCH /api/v1/users/{userId}). */
export const updateUserAction = adminAction(z.object({ userId: uuid, body: updateUserSchema }), async ({ userId, body }, actor) => {
  const user = await updateUser(await db(), actor, userId, body);
  revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/users");
  return { disabled: user.disabled };
});

/** Issues a fresh setup link and ends the user's sessions (same service as POST /api/v1/users/{userId}/password-reset). */
export const resetPasswordAction = adminAction(z.object({ userId: uuid }), async ({ userId }, actor) => {
  const reset = await resetPassword(await db(), actor, userId, await actionOrigin());
  revalidatePath(`/admin/users/${userId}`);
  return reset.setupLink;
});
