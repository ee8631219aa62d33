import "server-only";
import { db } from "@/lib/platform/db";
import { ApiError } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { getRegistrarLayout, type RegistrarLayout } from "@/lib/features/vesting-batches/registrarLayout";

/** The plan's registrar-list column order for the plan's batches page; null for an unknown plan. */
export async function registrarLayoutPage(planId: string): Promise<RegistrarLayout | null> {
  await requireUser(...STAFF_READ_ROLES);
  if (!isUuid(planId)) return null;
  try {
    return await getRegistrarLayout(await db(), planId);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
