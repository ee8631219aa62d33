import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  appraisalResults,
  companyAppraisals,
  grantBatches,
  grants,
  persons,
  plans,
  tranches,
  vestingRuns,
} from "@/db/schema";
import { compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { individualRatio, vestedQuantity } from "@/lib/domain/vesting/appraisal";
import { notFound } from "@/lib/platform/errors/apiError";

/** What a run allows one grant: the shares its conditions let vest on the run's date. */
export interface RunShares {
  grantId: string;
  personId: string;
  employeeNo: string;
  name: string;
  adjustedPrice: string;
  planned: number;
  vested: number;
}

/**
 * The shares each grant of a run's period may vest, from what the run recorded — the company ratio and
 * each grade — whether or not its date has come (the tranche itself shows vested only from that date, and
 * the payment for the shares comes before it). A person who left before the date gets 0, as in the run.
 */
export async function runShares(db: Database | Transaction, runId: string): Promise<RunShares[]> {
  const [run] = await db
    .select({ run: vestingRuns, gradeTable: plans.gradeTable, companyRatio: companyAppraisals.companyRatio })
    .from(vestingRuns)
    .innerJoin(grantBatches, eq(grantBatches.id, vestingRuns.batchId))
    .innerJoin(plans, eq(plans.id, grantBatches.planId))
    .innerJoin(
      companyAppraisals,
      and(
        eq(companyAppraisals.batchId, vestingRuns.batchId),
        eq(companyAppraisals.categoryId, vestingRuns.categoryId),
        eq(companyAppraisals.trancheIndex, vestingRuns.trancheIndex),
      ),
    )
    .where(eq(vestingRuns.id, runId));
  if (!run) throw notFound("Vesting run");
  const r = run.run;
  const rows = await db
    .select({
      grantId: grants.id,
      personId: grants.personId,
      employeeNo: persons.employeeNo,
      name: persons.name,
      leaveDate: persons.leaveDate,
      adjustedPrice: grants.adjustedPrice,
      planned: tranches.plannedQuantity,
      grade: appraisalResults.grade,
    })
    .from(grants)
    .innerJoin(persons, eq(persons.id, grants.personId))
    .innerJoin(tranches, and(eq(tranches.grantId, grants.id), eq(tranches.trancheIndex, r.trancheIndex)))
    .leftJoin(
      appraisalResults,
      and(eq(appraisalResults.grantId, grants.id), eq(appraisalResults.trancheIndex, r.trancheIndex)),
    )
    .where(and(eq(grants.batchId, r.batchId), eq(grants.categoryId, r.categoryId)))
    .orderBy(asc(persons.employeeNo));
  return rows.map((g) => {
    const left = g.leaveDate !== null && compareIsoDates(g.leaveDate, r.vestingDate) < 0;
    const vested =
      left || g.grade === null
        ? 0
        : vestedQuantity(g.planned, run.companyRatio, individualRatio(run.gradeTable, g.grade)).vested;
    return {
      grantId: g.grantId,
      personId: g.personId,
      employeeNo: g.employeeNo,
      name: g.name,
      adjustedPrice: g.adjustedPrice,
      planned: g.planned,
      vested,
    };
  });
}
