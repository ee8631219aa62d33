import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { participantCategories, plans, vestingArrangements } from "@/db/schema";
import type { RuleViolation } from "@/lib/domain/errors";
import { checkVestingDate } from "@/lib/domain/vesting/vestingDateCheck";
import { vestingWindow, type VestingWindow } from "@/lib/domain/vesting/vestingWindow";
import { planValidityEnd } from "@/lib/domain/plans/planValidity";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { loadPlanBlackouts, loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import { resolveBatch } from "@/lib/features/vesting/vestingRunBatch";

/** A tranche period of a plan: one grant batch ("first", "reserved" or its id), one category, one tranche. */
export interface TranchePeriod {
  batch: string;
  categoryId: string;
  trancheIndex: number;
}

/**
 * Whether `date` is a permissible vesting day for the period — an SSE trading day, outside the plan's
 * blackout windows, inside the tranche's vesting window and the plan's validity — with the window and
 * the resolved grant batch. A vesting run and a vesting batch's registration date are checked alike.
 */
export async function periodVestingDate(
  db: Database | Transaction,
  planId: string,
  period: TranchePeriod,
  date: string,
) {
  const [plan] = await db
    .select({ gradeTable: plans.gradeTable, validityMonths: plans.validityMonths })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw notFound("Plan");
  const { batch, firstGrantDate } = await resolveBatch(db, planId, period.batch);
  const [arrangement] = await db
    .select({ startMonths: vestingArrangements.startMonths, endMonths: vestingArrangements.endMonths })
    .from(vestingArrangements)
    .innerJoin(participantCategories, eq(vestingArrangements.categoryId, participantCategories.id))
    .where(
      and(
        eq(participantCategories.planId, planId),
        eq(vestingArrangements.categoryId, period.categoryId),
        eq(vestingArrangements.trancheIndex, period.trancheIndex),
      ),
    );
  if (!arrangement) throw new ApiError("NOT_FOUND", "Category or tranche not found in this plan.");
  const calendar = await loadTradingCalendar(db);
  const { windows } = await loadPlanBlackouts(db, planId);
  const window: VestingWindow = vestingWindow(
    calendar,
    batch.grantDate,
    arrangement.startMonths,
    arrangement.endMonths,
  );
  const violations: RuleViolation[] = checkVestingDate(
    calendar,
    date,
    window,
    windows,
    planValidityEnd(firstGrantDate, plan.validityMonths),
  );
  return { plan, batch, window, violations };
}
