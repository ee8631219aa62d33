import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { securitySettings, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { appendAudit } from "@/lib/platform/auditTrail";
import { db as database } from "@/lib/platform/db";
import { badRequest } from "@/lib/platform/errors/apiError";

/** The longest grace period an admin may give staff before a second factor is forced, in days. */
export const MAX_STAFF_GRACE_DAYS = 90;

/** Body of PUT /api/v1/admin/security-settings. */
export const updateSecuritySettingsSchema = z.object({
  staffGraceDays: z
    .number()
    .int()
    .min(0)
    .max(MAX_STAFF_GRACE_DAYS)
    .describe(
      "Days a staff user without a second factor may still sign in with the password alone, counted from the later of their creation and graceFrom; 0 forces enrolment at the next sign-in.",
    ),
});
export type UpdateSecuritySettingsInput = z.infer<typeof updateSecuritySettingsSchema>;

/** The settings as GET and PUT answer them. */
export const securitySettingsSchema = z.object({
  staffGraceDays: z.number().int(),
  graceFrom: z.string().describe("The start the grace period is counted from for accounts created before it."),
  updatedAt: z.string(),
  updatedBy: z.object({ id: z.string().uuid(), email: z.string() }).nullable(),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

/** The one settings row (created with its defaults should it be missing). */
export async function getSecuritySettings(db: Database | Transaction): Promise<SecuritySettings> {
  const read = () =>
    db
      .select({
        staffGraceDays: securitySettings.staffGraceDays,
        graceFrom: securitySettings.graceFrom,
        updatedAt: securitySettings.updatedAt,
        updatedById: users.id,
        updatedByEmail: users.email,
      })
      .from(securitySettings)
      .leftJoin(users, eq(users.id, securitySettings.updatedBy))
      .where(eq(securitySettings.id, 1));
  let [row] = await read();
  if (!row) {
    await db.insert(securitySettings).values({ id: 1 }).onConflictDoNothing();
    [row] = await read();
  }
  return {
    staffGraceDays: row!.staffGraceDays,
    graceFrom: new Date(row!.graceFrom).toISOString(),
    updatedAt: new Date(row!.updatedAt).toISOString(),
    updatedBy: row!.updatedById ? { id: row!.updatedById, email: row!.updatedByEmail! } : null,
  };
}

/**
 * Changes the staff grace period; audited with the value before and after. Saving the same value changes
 * nothing and writes no audit row. The start it is counted from stays, so a change applies to everyone at once.
 */
export async function updateSecuritySettings(
  db: Database,
  actor: Actor,
  input: UpdateSecuritySettingsInput,
): Promise<SecuritySettings> {
  const parsed = updateSecuritySettingsSchema.safeParse(input);
  if (!parsed.success)
    throw badRequest(
      `staffGraceDays must be a whole number from 0 to ${MAX_STAFF_GRACE_DAYS}.`,
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  const { staffGraceDays } = parsed.data;
  return db.transaction(async (tx) => {
    await tx.insert(securitySettings).values({ id: 1 }).onConflictDoNothing();
    const [before] = await tx
      .select({ staffGraceDays: securitySettings.staffGraceDays })
      .from(securitySettings)
      .where(eq(securitySettings.id, 1))
      .for("update");
    if (before!.staffGraceDays !== staffGraceDays) {
      await tx
        .update(securitySettings)
        .set({ staffGraceDays, updatedBy: actor.userId, updatedAt: new Date() })
        .where(eq(securitySettings.id, 1));
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: "security_settings.update",
        entityType: "security_settings",
        entityId: "1",
        ip: actor.ip,
        before: { staffGraceDays: before!.staffGraceDays },
        after: { staffGraceDays },
      });
    }
    return getSecuritySettings(tx);
  });
}

/** The settings for the security page: admins only. */
export async function securitySettingsForAdmin(): Promise<SecuritySettings> {
  await requireUser("admin");
  return getSecuritySettings(await database());
}
