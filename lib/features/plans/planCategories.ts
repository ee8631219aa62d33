import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grants, participantCategories, participantListEntries, plans, vestingArrangements } from "@/db/schema";
import { checkCategoryChanges, sameArrangement, type StoredCategory } from "@/lib/domain/plans/categoryArrangements";
import { isTerminalPlanStatus } from "@/lib/domain/plans/planLifecycle";
import { checkTranchesWithinValidity } from "@/lib/domain/plans/planValidity";
import { isRuleError, type RuleViolation } from "@/lib/domain/errors";
import { parseTrancheRatios } from "@/lib/domain/vesting/trancheQuantities";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { isUuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { loadPlans, type PlanDto } from "@/lib/features/plans/planReads";
import type { PlanCategoriesInput, PlanInput } from "@/lib/features/plans/schemas";

type Db = Database | Transaction;
type CategoryInput = PlanInput["categories"][number];

/** A plan's categories as stored: id, code, names, how many grants each holds, and the arrangement. */
export interface StoredPlanCategory extends StoredCategory {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
}

/** The plan's categories by code, each with its grant count and arrangement. */
export async function storedCategories(db: Db, planId: string): Promise<StoredPlanCategory[]> {
  const rows = await db
    .select({
      id: participantCategories.id,
      code: participantCategories.code,
      name: participantCategories.name,
      nameEn: participantCategories.nameEn,
    })
    .from(participantCategories)
    .where(eq(participantCategories.planId, planId))
    .orderBy(asc(participantCategories.code));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [arrangement, counts] = await Promise.all([
    db
      .select()
      .from(vestingArrangements)
      .where(inArray(vestingArrangements.categoryId, ids))
      .orderBy(asc(vestingArrangements.trancheIndex)),
    db
      .select({ categoryId: grants.categoryId, n: sql<number>`count(*)::int` })
      .from(grants)
      .where(inArray(grants.categoryId, ids))
      .groupBy(grants.categoryId),
  ]);
  return rows.map((r) => ({
    ...r,
    grants: Number(counts.find((c) => c.categoryId === r.id)?.n ?? 0),
    tranches: arrangement
      .filter((a) => a.categoryId === r.id)
      .map((a) => ({ startMonths: a.startMonths, endMonths: a.endMonths, ratio: a.ratio })),
  }));
}

/**
 * Every rule the categories break: ratios of each category summing to 1, windows within the plan's
 * validity and, for a plan that has categories already, no arrangement change or removal of a category
 * with grants.
 */
export async function categoryViolations(
  db: Db,
  planId: string | null,
  validityMonths: number,
  categories: readonly CategoryInput[],
): Promise<RuleViolation[]> {
  const out = checkTranchesWithinValidity(validityMonths, categories);
  for (const c of categories) {
    try {
      parseTrancheRatios(c.tranches.map((t) => t.ratio));
    } catch (e) {
      if (!isRuleError(e)) throw e;
      const v = e.toViolation();
      out.push({ ...v, details: { ...v.details, categoryCode: c.code } });
    }
  }
  if (planId !== null) out.push(...checkCategoryChanges(await storedCategories(db, planId), categories));
  return out;
}

/**
 * Upserts categories by code; an arrangement is rewritten only when it changed (the rules above refuse
 * that for a category with grants). A dropped category still on a participant list is refused.
 */
export async function writeCategories(tx: Transaction, planId: string, categories: readonly CategoryInput[]) {
  const existing = await storedCategories(tx, planId);
  const byCode = new Map(existing.map((c) => [c.code, c]));
  const dropped = existing.filter((c) => !categories.some((n) => n.code === c.code)).map((c) => c.id);
  if (dropped.length > 0) {
    const used = await tx
      .select({ id: participantListEntries.categoryId })
      .from(participantListEntries)
      .where(inArray(participantListEntries.categoryId, dropped))
      .limit(1);
    if (used.length > 0)
      throw new ApiError("CATEGORY_IN_USE", "A category that is on a participant list cannot be removed.");
    await tx.delete(vestingArrangements).where(inArray(vestingArrangements.categoryId, dropped));
    await tx.delete(participantCategories).where(inArray(participantCategories.id, dropped));
  }
  for (const c of categories) {
    const stored = byCode.get(c.code);
    if (stored && (stored.name !== c.name || stored.nameEn !== c.nameEn))
      await tx
        .update(participantCategories)
        .set({ name: c.name, nameEn: c.nameEn })
        .where(eq(participantCategories.id, stored.id));
    if (stored && sameArrangement(stored.tranches, c.tranches)) continue;
    if (stored) await tx.delete(vestingArrangements).where(eq(vestingArrangements.categoryId, stored.id));
    const categoryId =
      stored?.id ??
      (
        await tx
          .insert(participantCategories)
          .values({ planId, code: c.code, name: c.name, nameEn: c.nameEn })
          .returning({ id: participantCategories.id })
      )[0]!.id;
    await tx.insert(vestingArrangements).values(
      c.tranches.map((t) => ({
        categoryId,
        trancheIndex: t.index,
        startMonths: t.startMonths,
        endMonths: t.endMonths,
        ratio: t.ratio,
      })),
    );
  }
}

/**
 * Replaces a plan's categories in any status before it ends: the plan's other terms stay as approved
 * (they change only in draft, by updatePlan), but a category may be added, renamed or, while it has no
 * grants, given another arrangement — e.g. a reserve whose plan text sets its own vesting periods.
 */
export async function updatePlanCategories(
  db: Database,
  actor: Actor,
  planId: string,
  input: PlanCategoriesInput,
): Promise<PlanDto> {
  if (!isUuid(planId)) throw notFound("Plan");
  await db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ status: plans.status, validityMonths: plans.validityMonths })
      .from(plans)
      .where(eq(plans.id, planId))
      .for("update");
    if (!plan) throw notFound("Plan");
    if (isTerminalPlanStatus(plan.status))
      throw new ApiError("PLAN_ENDED", "The plan has ended; its categories can no longer change.", {
        status: plan.status,
      });
    const before = await storedCategories(tx, planId);
    refuseIfAny(await categoryViolations(tx, planId, plan.validityMonths, input.categories));
    await writeCategories(tx, planId, input.categories);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "plan.categories",
      entityType: "plan",
      entityId: planId,
      before: { categories: before.map(({ id: _id, grants: _g, ...c }) => c) },
      after: { categories: input.categories },
      ip: actor.ip,
    });
  });
  return (await loadPlans(db, [planId]))[0]!;
}
