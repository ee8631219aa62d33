"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/procedures/action";
import { actionOrigin } from "@/lib/platform/http/portalOrigin";
import { createUser } from "@/lib/features/admin/commands";
import { createUserSchema } from "@/lib/features/admin/schemas";

/** Creates and invites a user (same service as POST /api/v1/users); the link comes back once. */
export const createUserAction = action(
  { access: "adminOnly", input: createUserSchema, sessionOnly: true, stepUp: true },
  async ({ db, actor, input }) => {
    const created = await createUser(db, actor, input, await actionOrigin());
    revalidatePath("/admin/users");
    return { userId: created.user.id, email: created.user.email, setupLink: created.setupLink };
  },
);
