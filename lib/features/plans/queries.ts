import "server-only";
import { eq } from "drizzle-orm";
import { grants, issuers, plans } from "@/db/schema";
import { db } from "@/lib/platform/db";
import { notFound } from "@/lib/platform/errors/apiError";
import { loadPlans, type PlanDto } from "@/lib/features/plans/planReads";
import { hasRole, requireUser, STAFF_READ_ROLES, type SessionUser } from "@/lib/auth/session";
import { isUuid } from "@/lib/platform/validation/common";

/** Ids of the plans a user may see: every plan for staff, the plans an employee holds grants in. */
export async function visiblePlanIds(u: SessionUser): Promise<string[]> {
  const database = await db();
  if (hasRole(u, ...STAFF_READ_ROLES)) return (await database.select({ id: plans.id }).from(plans)).map((r) => r.id);
  if (!u.personId) return [];
  return (await database.selectDistinct({ planId: grants.planId }).from(grants).where(eq(grants.personId, u.personId))).map((r) => r.planId);
}

/** Plans the user may see. */
export async function plansForUser(): Promise<PlanDto[]> {
  const u = await requireUser();
  const database = await db();
  if (hasRole(u, ...STAFF_READ_ROLES)) return loadPlans(database);
  return loadPlans(database, await visiblePlanIds(u));
}

/** One plan the user may see, else 404. */
export async function planForUser(planId: string): Promise<PlanDto> {
  if (!isUuid(planId)) throw notFound("Plan");
  const plan = (await plansForUser()).find((p) => p.id === planId);
  if (!plan) throw notFound("Plan");
  return plan;
}

/** The issuer's name and stock code for page headers. */
export async function issuerSummary() {
  await requireUser();
  const [row] = await (await db()).select({ name: issuers.name, nameEn: issuers.nameEn, stockCode: issuers.stockCode }).from(issuers).limit(1);
  return row ?? null;
}
