"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/procedures/adminAction";
import { createApiToken, createApiTokenSchema, revokeApiToken } from "@/lib/features/admin/apiTokens";
import { db } from "@/lib/platform/db";
import { uuid } from "@/lib/platform/validation/common";

/** Creates a token (same service as POST /api/v1/api-tokens); the secret comes back this once. */
export const createApiTokenAction = adminAction(createApiTokenSchema, async (input, actor) => {
  const created = await createApiToken(await db(), actor, input);
  revalidatePath("/admin/tokens");
  return { token: created.token, name: created.apiToken.name };
});

/** Revokes a token (same service as DELETE /api/v1/api-tokens/{tokenId}). */
export const revokeApiTokenAction = adminAction(z.object({ tokenId: uuid }), async ({ tokenId }, actor) => {
  const revoked = await revokeApiToken(await db(), actor, tokenId);
  revalidatePath("/admin/tokens");
  return { revokedAt: revoked.revokedAt };
});
