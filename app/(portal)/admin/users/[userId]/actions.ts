"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { requireFreshProof } from "@/lib/auth/secondFactor/stepUp";
import { actionOrigin } from "@/lib/platform/http/portalOrigin";
import { resetPassword, updateUser, updateUserSchema } from "@/lib/features/admin/commands";
import { uuid } from "@/lib/platform/validation/common";

/** Changes name, roles, person link or enabled state (same service as PATCH /api/v1/users/{userId}). */
export const updateUserAction = action(
  { access: "adminOnly", input: z.object({ userId: uuid, body: updateUserSchema }), sessionOnly: true },
  async ({ db, actor, user: admin, input: { userId, body } }) => {
    // Changing roles is sensitive: it needs a fresh second factor (as PATCH /api/v1/users/{userId} does).
    if (body.roles) await requireFreshProof(db, admin);
    const user = await updateUser(db, actor, userId, body);
    revalidatePath(`/admin/users/${userId}`);
    revalidatePath("/admin/users");
    return { disabled: user.disabled };
  },
);

/** Issues a fresh setup link and ends the user's sessions (same service as POST /api/v1/users/{userId}/password-reset). */
export const resetPasswordAction = action(
  { access: "adminOnly", input: z.object({ userId: uuid }), sessionOnly: true },
  async ({ db, actor, input: { userId } }) => {
    const reset = await resetPassword(db, actor, userId, await actionOrigin());
    revalidatePath(`/admin/users/${userId}`);
    return reset.setupLink;
  },
);
