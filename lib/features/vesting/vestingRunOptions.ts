import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grantBatches, participantCategories, plans, vestingArrangements } from "@/db/schema";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";

/** What the run form offers: the plan's batches still in force (not voided), and its categories with their tranches. */
export async function runOptions(db: Database, planId: string) {
  const [plan] = await db
    .select({ id: plans.id, name: plans.name, nameEn: plans.nameEn, gradeTable: plans.gradeTable })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) return null;
  const batches = await db
    .select({ id: grantBatches.id, batch: grantBatches.batch, grantDate: grantBatches.grantDate })
    .from(grantBatches)
    .where(and(eq(grantBatches.planId, planId), batchNotVoided(grantBatches.id)))
    .orderBy(asc(grantBatches.grantDate));
  const categories = await db
    .select({
      id: participantCategories.id,
      code: participantCategories.code,
      name: participantCategories.name,
      nameEn: participantCategories.nameEn,
    })
    .from(participantCategories)
    .where(eq(participantCategories.planId, planId))
    .orderBy(asc(participantCategories.code));
  const tranches = await db
    .select({
      categoryId: vestingArrangements.categoryId,
      index: vestingArrangements.trancheIndex,
      startMonths: vestingArrangements.startMonths,
      endMonths: vestingArrangements.endMonths,
    })
    .from(vestingArrangements)
    .innerJoin(participantCategories, eq(vestingArrangements.categoryId, participantCategories.id))
    .where(eq(participantCategories.planId, planId))
    .orderBy(asc(vestingArrangements.trancheIndex));
  return {
    plan,
    batches,
    categories: categories.map((c) => ({ ...c, tranches: tranches.filter((t) => t.categoryId === c.id) })),
  };
}
