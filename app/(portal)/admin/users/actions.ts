"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/procedures/adminAction";
import { actionOrigin } from "@/lib/auth/procedures/adminRoute";
import { createUser, createUserSchema } from "@/lib/features/admin/commands";
import { db } from "@/lib/platform/db";

/** Creates and invites a user (same service as POST /api/v1/users); the link comes back once. */
export const createUserAction = adminAction(createUserSchema, async (input, actor) => {
  const created = await createUser(await db(), actor, input, await actionOrigin());
  revalidatePath("/admin/users");
  return { userId: created.user.id, email: created.user.email, setupLink: created.setupLink };
});
