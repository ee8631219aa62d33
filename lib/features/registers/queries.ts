import "server-only";
import { asc } from "drizzle-orm";
import { plans } from "@/db/schema";
import { db } from "@/lib/platform/db";
import { requireUser } from "@/lib/auth/session";

/** The plans the register download form offers, oldest first: admins and auditors. */
export async function registerPlanChoices(): Promise<{ id: string; name: string; nameEn: string }[]> {
  await requireUser("admin", "auditor");
  return (await db())
    .select({ id: plans.id, name: plans.name, nameEn: plans.nameEn })
    .from(plans)
    .orderBy(asc(plans.createdAt), asc(plans.name));
}
