import "server-only";
import { asc, eq } from "drizzle-orm";
import { grants, issuers, plans } from "@/db/schema";
import { db } from "@/lib/platform/db";
import { notFound } from "@/lib/platform/errors/apiError";
import { loadPlans, type PlanDto } from "@/lib/features/plans/planReads";
import { storedCategories } from "@/lib/features/plans/planCategories";
import { hasRole, requireUser, STAFF_READ_ROLES, STAFF_WRITE_ROLES, type SessionUser } from "@/lib/auth/session";
import { isUuid } from "@/lib/platform/validation/common";

/** Ids of the plans a user may see: every plan for staff, the plans an employee holds grants in. */
export async function visiblePlanIds(u: SessionUser): Promise<string[]> {
  const database = await db();
  if (hasRole(u, ...STAFF_READ_ROLES)) return (await database.select({ id: plans.id }).from(plans)).map((r) => r.id);
  if (!u.personId) return [];
  return (
    await database.selectDistinct({ planId: grants.planId }).from(grants).where(eq(grants.personId, u.personId))
  ).map((r) => r.planId);
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
  const [row] = await (
    await db()
  )
    .select({ name: issuers.name, nameEn: issuers.nameEn, stockCode: issuers.stockCode })
    .from(issuers)
    .limit(1);
  return row ?? null;
}

/** Every plan, oldest first, as the HR grants and vesting index pages link to them. */
export async function planIndex() {
  await requireUser(...STAFF_READ_ROLES);
  return (await db())
    .select({ id: plans.id, name: plans.name, nameEn: plans.nameEn, status: plans.status })
    .from(plans)
    .orderBy(asc(plans.createdAt));
}

/** One plan for staff pages; null for a malformed or unknown id. */
export async function staffPlan(planId: string): Promise<PlanDto | null> {
  await requireUser(...STAFF_READ_ROLES);
  if (!isUuid(planId)) return null;
  const [plan] = await loadPlans(await db(), [planId]);
  return plan ?? null;
}

/**
 * What the edit form of a plan starts from: the plan, its announcement and board dates, and its categories by
 * code with how many grants each holds (those keep their arrangement); null when there is none.
 */
export async function planEditForm(planId: string) {
  await requireUser(...STAFF_WRITE_ROLES);
  if (!isUuid(planId)) return null;
  const database = await db();
  const [plan] = await loadPlans(database, [planId]);
  const [dates] = await database
    .select({ announcementDate: plans.announcementDate, boardApprovalDate: plans.boardApprovalDate })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan || !dates) return null;
  const stored = await storedCategories(database, planId);
  const categories = plan.categories.map((c) => {
    const s = stored.find((x) => x.id === c.id);
    return { ...c, code: s?.code ?? 0, grants: s?.grants ?? 0 };
  });
  return { plan, dates, categories };
}
