import "server-only";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { grantBatches, participantCategories, vestingArrangements } from "@/db/schema";
import type { RuleViolation } from "@/lib/domain/errors";
import { checkReservedTranchesWithinValidity } from "@/lib/domain/plans/planValidity";

/**
 * For a reserved batch being granted: its tranche windows, counted from its grant date, against the
 * plan's validity counted from the first grant (lib/domain/plans/planValidity.ts). Reads in the grant's
 * transaction the first grant date and the arrangements of the categories the batch grants in.
 */
export async function reservedTrancheViolations(
  tx: Transaction,
  plan: { id: string; validityMonths: number },
  body: { grantDate: string; items: readonly { categoryId: string }[] },
): Promise<RuleViolation[]> {
  const [first] = await tx
    .select({ grantDate: sql<string | null>`min(${grantBatches.grantDate})::text` })
    .from(grantBatches)
    .where(and(eq(grantBatches.planId, plan.id), eq(grantBatches.batch, "first"), batchNotVoided(grantBatches.id)));
  const firstGrantDate = first?.grantDate ?? null;
  const categoryIds = [...new Set(body.items.map((i) => i.categoryId))];
  if (firstGrantDate === null || categoryIds.length === 0) return [];
  const rows = await tx
    .select({
      code: participantCategories.code,
      index: vestingArrangements.trancheIndex,
      endMonths: vestingArrangements.endMonths,
    })
    .from(vestingArrangements)
    .innerJoin(participantCategories, eq(vestingArrangements.categoryId, participantCategories.id))
    .where(inArray(vestingArrangements.categoryId, categoryIds))
    .orderBy(asc(participantCategories.code), asc(vestingArrangements.trancheIndex));
  const codes = [...new Set(rows.map((r) => r.code))];
  return checkReservedTranchesWithinValidity({
    grantDate: body.grantDate,
    firstGrantDate,
    validityMonths: plan.validityMonths,
    categories: codes.map((code) => ({ code, tranches: rows.filter((r) => r.code === code) })),
  });
}
