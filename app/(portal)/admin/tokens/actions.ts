"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { createApiToken, revokeApiToken } from "@/lib/features/admin/apiTokens";
import { createApiTokenSchema } from "@/lib/features/admin/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** Creates a token (same service as POST /api/v1/api-tokens); the secret comes back this once. */
export const createApiTokenAction = action(
  { access: "adminOnly", input: createApiTokenSchema, sessionOnly: true, stepUp: true },
  async ({ db, actor, input }) => {
    const created = await createApiToken(db, actor, input);
    revalidatePath("/admin/tokens");
    return { token: created.token, name: created.apiToken.name };
  },
);

/** Revokes a token (same service as DELETE /api/v1/api-tokens/{tokenId}). */
export const revokeApiTokenAction = action(
  { access: "adminOnly", input: z.object({ tokenId: uuid }), sessionOnly: true },
  async ({ db, actor, input: { tokenId } }) => {
    const revoked = await revokeApiToken(db, actor, tokenId);
    revalidatePath("/admin/tokens");
    return { revokedAt: revoked.revokedAt };
  },
);
