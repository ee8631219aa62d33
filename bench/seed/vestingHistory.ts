/**
 * The vesting history HR would have recorded for the bench company: a vesting run on the earliest
 * vesting date of every period whose date is at least a week past, with the company ratio and each
 * still-employed grantee's grade. Computed in memory against the plan's loaded derivation inputs,
 * which it extends, so the engine then sees exactly what is about to be written.
 */
import type * as s from "@/db/schema";
import { addDays } from "@/lib/domain/calendar/isoDate";
import { deriveTranches } from "@/lib/domain/vesting/deriveTranches";
import type { PlanDerivationInputs } from "@/lib/features/derivation/trancheDerivation";
import { BENCH_ARRANGEMENT, companyRatioOf, gradeOf, leaveDateOf } from "./benchCompany";

/** Who a new grant belongs to, for its grades (which must not depend on generated ids). */
export interface GrantOrigin {
  person: number;
  reserved: boolean;
  categoryCode: number;
}

/** Rows to write for the runs and grades decided here. */
export interface VestingHistory {
  companyAppraisals: (typeof s.companyAppraisals.$inferInsert)[];
  vestingRuns: (typeof s.vestingRuns.$inferInsert)[];
  appraisalResults: (typeof s.appraisalResults.$inferInsert)[];
}

/** Decides new runs and grades for plan `planIndex` and adds them to `inputs` (runDate, companyRatio, gradesByGrant). */
export function extendVestingHistory(
  inputs: PlanDerivationInputs,
  planIndex: number,
  asOf: string,
  origins: Map<string, GrantOrigin>,
): VestingHistory {
  const cutoff = addDays(asOf, -7);
  const out: VestingHistory = { companyAppraisals: [], vestingRuns: [], appraisalResults: [] };
  const fiscalYear = (date: string) => Number(date.slice(0, 4)) - 1;
  const seen = new Set<string>();
  for (const g of inputs.grantRows) {
    const group = `${g.batchId}/${g.categoryId}`;
    const origin = origins.get(g.id);
    if (seen.has(group) || !origin) continue;
    seen.add(group);
    const dates = earliestVestingDates(inputs, g.batchId, g.categoryId);
    for (const t of BENCH_ARRANGEMENT) {
      const key = `${group}/${t.index}`;
      const date = dates.get(t.index);
      if (inputs.runDate.has(key) || !date || date > cutoff) continue;
      const companyRatio = companyRatioOf(planIndex, origin.reserved, origin.categoryCode, t.index);
      out.companyAppraisals.push({
        batchId: g.batchId,
        categoryId: g.categoryId,
        trancheIndex: t.index,
        fiscalYear: fiscalYear(date),
        companyRatio,
      });
      out.vestingRuns.push({ batchId: g.batchId, categoryId: g.categoryId, trancheIndex: t.index, vestingDate: date });
      inputs.runDate.set(key, date);
      inputs.companyRatio.set(key, companyRatio);
    }
  }
  for (const g of inputs.grantRows) {
    const origin = origins.get(g.id);
    if (!origin) continue;
    const left = leaveDateOf(origin.person);
    const grades = [];
    for (const t of BENCH_ARRANGEMENT) {
      const date = inputs.runDate.get(`${g.batchId}/${g.categoryId}/${t.index}`);
      // HR grades the people still employed when the period vests.
      if (!date || (left !== null && left <= date)) continue;
      const grade = gradeOf(planIndex * 1_000_003 + origin.person * 2 + (origin.reserved ? 1 : 0), t.index);
      out.appraisalResults.push({ grantId: g.id, trancheIndex: t.index, fiscalYear: fiscalYear(date), grade });
      grades.push({ grantId: g.id, trancheIndex: t.index, grade });
    }
    if (grades.length > 0) inputs.gradesByGrant.set(g.id, grades);
  }
  return out;
}

/**
 * The first permissible vesting day of each tranche of a (batch, category), as the engine states it on
 * the day the tranche's window opens: HR registers vested shares on that day in this company.
 */
function earliestVestingDates(inputs: PlanDerivationInputs, batchId: string, categoryId: string): Map<number, string> {
  const batch = inputs.batchById.get(batchId)!;
  const arrangement = (inputs.arrangementByCategory.get(categoryId) ?? []).map((a) => ({
    index: a.index,
    startMonths: a.startMonths,
    endMonths: a.endMonths,
    ratio: a.ratio,
  }));
  const derive = (asOf: string) =>
    deriveTranches({
      grant: { id: "probe", grantDate: batch.grantDate, quantity: 100, grantPrice: batch.grantPrice },
      tranches: arrangement,
      adjustments: [],
      appraisals: [],
      vestings: [],
      leaveDate: null,
      gradeTable: inputs.plan.gradeTable,
      blackouts: inputs.blackouts,
      calendar: inputs.calendar,
      asOf,
      validityEnd: inputs.validityEnd,
      parValue: inputs.plan.parValue,
    });
  const out = new Map<number, string>();
  for (const t of derive(batch.grantDate).tranches) {
    if (!t.windowOpen) continue;
    const earliest = derive(t.windowOpen).tranches.find((x) => x.index === t.index)?.earliestVestingDate;
    if (earliest) out.set(t.index, earliest);
  }
  return out;
}
