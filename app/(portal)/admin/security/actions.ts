"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { clearLoginThrottle, clearThrottleSchema } from "@/lib/features/admin/loginThrottles";
import { resetUserFactors } from "@/lib/features/admin/secondFactors";
import { updateSecuritySettings, updateSecuritySettingsSchema } from "@/lib/features/admin/securitySettings";
import { uuid } from "@/lib/platform/validation/common";

const PAGE = "/admin/security";

/** Sets the staff grace period (same service as PUT /api/v1/admin/security-settings). */
export const updateSecuritySettingsAction = action(
  { access: "adminOnly", input: updateSecuritySettingsSchema, sessionOnly: true },
  async ({ db, actor, input }) => {
    const settings = await updateSecuritySettings(db, actor, input);
    revalidatePath(PAGE);
    return { staffGraceDays: settings.staffGraceDays };
  },
);

/** Clears one key's failed sign-ins (same service as DELETE /api/v1/admin/login-throttles). */
export const clearLoginThrottleAction = action(
  { access: "adminOnly", input: clearThrottleSchema, sessionOnly: true },
  async ({ db, actor, input }) => {
    const cleared = await clearLoginThrottle(db, actor, input);
    revalidatePath(PAGE);
    return { cleared: cleared.cleared };
  },
);

/** Resets a user's second factor (same service as DELETE /api/v1/users/{userId}/factors); needs a fresh step-up. */
export const resetUserFactorsAction = action(
  { access: "adminOnly", input: z.object({ userId: uuid }), sessionOnly: true },
  async ({ db, user, actor, input: { userId } }) => {
    const reset = await resetUserFactors(db, user, actor, userId);
    revalidatePath(PAGE);
    revalidatePath(`/admin/users/${userId}`);
    return { factorsRemoved: reset.factorsRemoved, sessionsEnded: reset.sessionsEnded };
  },
);
