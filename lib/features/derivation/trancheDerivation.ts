import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { groupBy } from "@/lib/platform/collections/groupBy";
import type { Database, Transaction } from "@/db/client";
import {
  appraisalResults,
  companyAppraisals,
  corporateActions,
  grantBatches,
  grants,
  issuers,
  persons,
  plans,
  vestingArrangements,
  vestingRuns,
  participantCategories,
} from "@/db/schema";
import { planValidityEnd } from "@/lib/domain/plans/planValidity";
import { prepareBlackouts } from "@/lib/domain/blackout/preparedBlackouts";
import { deriveTranches, type DerivedGrant } from "@/lib/domain/vesting/deriveTranches";
import type { CorporateActionInput } from "@/lib/domain/adjustments/corporateActions";
import { loadPlanBlackouts, loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import type { ComputedGrant, PlanAction } from "@/lib/features/derivation/derivationRows";
import { writeDerivation } from "@/lib/features/derivation/derivationWriter";
import { loadPlanCorrections } from "@/lib/features/derivation/planCorrections";
import { loadWaivedShares } from "@/lib/features/derivation/waivedShares";
import { today } from "@/lib/platform/clock";
import { trimDecimal } from "@/lib/domain/numeric/decimal";

/** A corporate action with its row id (null for one only being previewed). */

/** Everything the engine needs to derive every grant of one plan. */
export type PlanDerivationInputs = Awaited<ReturnType<typeof loadPlanDerivationInputs>>;

/**
 * The grants of one batch and category: all that recording or reversing a vesting of one of its periods
 * changes. Every input of a grant's derivation is either the plan's (calendar, blackouts, actions,
 * validity, voided batches) or keyed by its own batch, category and grant (runs, company and individual
 * appraisals, waived shares), so the plan's other grants would be derived exactly as they are stored.
 */
export interface PeriodGrants {
  batchId: string;
  categoryId: string;
}

/** Loads a plan's grants (or one batch and category's), arrangements, appraisals, runs, actions, blackouts and calendar. */
export async function loadPlanDerivationInputs(tx: Database | Transaction, planId: string, only?: PeriodGrants) {
  const grantsOf = only
    ? and(eq(grants.planId, planId), eq(grants.batchId, only.batchId), eq(grants.categoryId, only.categoryId))
    : eq(grants.planId, planId);
  const [plan] = await tx
    .select({
      id: plans.id,
      issuerId: plans.issuerId,
      validityMonths: plans.validityMonths,
      gradeTable: plans.gradeTable,
      parValue: issuers.parValue,
    })
    .from(plans)
    .innerJoin(issuers, eq(plans.issuerId, issuers.id))
    .where(eq(plans.id, planId));
  if (!plan) throw new Error(`plan ${planId} not found`);
  // Sequential on purpose: inside a transaction every query shares one connection.
  const calendar = await loadTradingCalendar(tx);
  const blackouts = await loadPlanBlackouts(tx, planId);
  const batchRows = await tx.select().from(grantBatches).where(eq(grantBatches.planId, planId));
  const grantRows = await tx
    .select({
      id: grants.id,
      batchId: grants.batchId,
      categoryId: grants.categoryId,
      quantity: grants.quantity,
      leaveDate: persons.leaveDate,
    })
    .from(grants)
    .innerJoin(persons, eq(grants.personId, persons.id))
    .where(grantsOf);
  const arrangementRows = await tx
    .select({
      categoryId: vestingArrangements.categoryId,
      index: vestingArrangements.trancheIndex,
      startMonths: vestingArrangements.startMonths,
      endMonths: vestingArrangements.endMonths,
      ratio: vestingArrangements.ratio,
    })
    .from(vestingArrangements)
    .innerJoin(participantCategories, eq(vestingArrangements.categoryId, participantCategories.id))
    .where(eq(participantCategories.planId, planId));
  const actionRows = await tx
    .select()
    .from(corporateActions)
    .where(eq(corporateActions.issuerId, plan.issuerId))
    .orderBy(asc(corporateActions.exDate), asc(corporateActions.createdAt));
  const companyRows = await tx
    .select({ c: companyAppraisals })
    .from(companyAppraisals)
    .innerJoin(grantBatches, eq(companyAppraisals.batchId, grantBatches.id))
    .where(eq(grantBatches.planId, planId));
  const appraisalRows = await tx
    .select({
      grantId: appraisalResults.grantId,
      trancheIndex: appraisalResults.trancheIndex,
      grade: appraisalResults.grade,
    })
    .from(appraisalResults)
    .innerJoin(grants, eq(appraisalResults.grantId, grants.id))
    .where(grantsOf);
  const runRows = await tx
    .select({ r: vestingRuns })
    .from(vestingRuns)
    .innerJoin(grantBatches, eq(vestingRuns.batchId, grantBatches.id))
    .where(eq(grantBatches.planId, planId));
  // Voided batches and reversed runs (issue #21): a reversed run no longer vests its period.
  const corrections = await loadPlanCorrections(tx, planId);
  const waived = await loadWaivedShares(tx, planId);
  const liveRuns = runRows.filter(({ r }) => !corrections.reversedRunIds.has(r.id));
  const firstGrantDate =
    batchRows
      .filter((b) => b.batch === "first" && !corrections.voidedBatchIds.has(b.id))
      .map((b) => b.grantDate)
      .sort()[0] ?? null;
  return {
    plan,
    calendar,
    blackouts: prepareBlackouts(blackouts.windows),
    validityEnd: planValidityEnd(firstGrantDate, plan.validityMonths),
    batchById: new Map(batchRows.map((b) => [b.id, b])),
    grantRows,
    arrangementByCategory: groupBy(arrangementRows, (a) => a.categoryId),
    companyRatio: new Map<string, string>(
      companyRows
        .map(({ c }): [string, string] => [`${c.batchId}/${c.categoryId}/${c.trancheIndex}`, c.companyRatio])
        .filter(([key]) => !corrections.takenBackPeriods.has(key)),
    ),
    voidedBatchIds: corrections.voidedBatchIds,
    runDate: new Map(liveRuns.map(({ r }) => [`${r.batchId}/${r.categoryId}/${r.trancheIndex}`, r.vestingDate])),
    waived,
    gradesByGrant: groupBy(appraisalRows, (a) => a.grantId),
    actions: actionRows.map((a): PlanAction => ({ id: a.id, input: toActionInput(a) })),
  };
}

/** Runs the engine over every grant of the plan; `actions` defaults to the recorded ones. */
export function computePlanDerivation(
  inputs: PlanDerivationInputs,
  asOf: string,
  actions: PlanAction[] = inputs.actions,
): Map<string, ComputedGrant> {
  const out = new Map<string, ComputedGrant>();
  for (const g of inputs.grantRows) {
    const batch = inputs.batchById.get(g.batchId)!;
    const arrangement = (inputs.arrangementByCategory.get(g.categoryId) ?? []).map((a) => ({
      index: a.index,
      startMonths: a.startMonths,
      endMonths: a.endMonths,
      ratio: a.ratio,
    }));
    const key = (index: number) => `${g.batchId}/${g.categoryId}/${index}`;
    const appraisals = (inputs.gradesByGrant.get(g.id) ?? []).flatMap((a) => {
      const ratio = inputs.companyRatio.get(key(a.trancheIndex));
      return ratio === undefined ? [] : [{ trancheIndex: a.trancheIndex, companyRatio: ratio, grade: a.grade }];
    });
    const vestings = arrangement.flatMap((t) => {
      const date = inputs.runDate.get(key(t.index));
      const waivedQuantity = inputs.waived.get(`${g.id}/${t.index}`);
      return date ? [{ trancheIndex: t.index, vestingDate: date, ...(waivedQuantity ? { waivedQuantity } : {}) }] : [];
    });
    // A grant made on or after an ex-date was priced after the event: only later actions adjust it.
    const applicable = actions.filter((a) => a.input.exDate > batch.grantDate);
    const derived = deriveTranches({
      grant: { id: g.id, grantDate: batch.grantDate, quantity: g.quantity, grantPrice: batch.grantPrice },
      tranches: arrangement,
      adjustments: applicable.map((a) => a.input),
      appraisals,
      vestings,
      leaveDate: g.leaveDate,
      gradeTable: inputs.plan.gradeTable,
      blackouts: inputs.blackouts,
      calendar: inputs.calendar,
      asOf,
      validityEnd: inputs.validityEnd,
      parValue: inputs.plan.parValue,
      voided: inputs.voidedBatchIds.has(g.batchId),
    });
    out.set(g.id, { derived, applicable });
  }
  return out;
}

/**
 * Re-derives every tranche row of a plan from the engine and stores the result: the one path by which
 * tranche rows, adjusted prices and quantities, and adjustment records change. Call it inside the
 * transaction that changed any input (grant, appraisal, leave date, disclosure, rule set, corporate action).
 * `only` limits it to one batch and category, for a change to their vesting periods alone (a vesting run
 * or its reversal, on a 5,800-grant plan about 300 grants instead of all): the plan's `derived_on` is then
 * left as it is, since its other grants were not derived for the day.
 */
export async function rederivePlan(
  tx: Database | Transaction,
  planId: string,
  asOf: string = today(),
  only?: PeriodGrants,
): Promise<Map<string, DerivedGrant>> {
  const inputs = await loadPlanDerivationInputs(tx, planId, only);
  const computed = computePlanDerivation(inputs, asOf);
  await writeDerivation(tx, computed);
  if (!only) await tx.update(plans).set({ derivedOn: asOf }).where(eq(plans.id, planId));
  return new Map([...computed].map(([id, c]) => [id, c.derived]));
}

function toActionInput(a: typeof corporateActions.$inferSelect): CorporateActionInput {
  // numeric(18,8) comes back as "0.60000000"; the engine takes the decimal as written.
  const opt = (v: string | null) => (v === null ? undefined : trimDecimal(v));
  return { type: a.type, exDate: a.exDate, n: opt(a.n), v: opt(a.v), p1: opt(a.p1), p2: opt(a.p2) };
}
