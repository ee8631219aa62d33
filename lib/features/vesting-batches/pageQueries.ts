import "server-only";
import { directorTransfers, type DirectorTransfer } from "@/lib/features/vesting-batches/directorTransfers";
import { asc, count, countDistinct, desc, eq, max, min, sql, sum } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grants, plans, tranches, vestingBatchPeriods, vestingBatches } from "@/db/schema";
import { db } from "@/lib/platform/db";
import { ApiError } from "@/lib/platform/errors/apiError";
import { today } from "@/lib/platform/clock";
import { isUuid } from "@/lib/platform/validation/common";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { runOptions } from "@/lib/features/vesting/vestingRunOptions";
import { listVestingRuns } from "@/lib/features/vesting/vestingRunReads";
import { closingPriceOn, latestClosingPrice } from "@/lib/features/tax/closingPrices";
import type { ShareSource, VestingBatchDto, VestingBatchPeriodDto } from "@/lib/features/vesting-batches/batchDto";
import { getVestingBatch, listVestingBatches, type VestingBatchSummary } from "@/lib/features/vesting-batches/queries";

/** A tranche period as pages name it: (grant batch, category, tranche). */
const periodKey = (grantBatchId: string, categoryId: string, trancheIndex: number) =>
  `${grantBatchId}/${categoryId}/${trancheIndex}`;

/** The live (not reversed) vesting run of a period, as the vesting page recorded it. */
export interface PeriodRun {
  id: string;
  vestingDate: string;
}

/** A tranche period HR may put in a new vesting batch, with what the create form shows about it. */
export interface PlanPeriodOption {
  grantBatchId: string;
  batch: "first" | "reserved";
  grantDate: string;
  categoryId: string;
  categoryCode: number;
  categoryName: string;
  categoryNameEn: string;
  trancheIndex: number;
  /** The arrangement: months after the grant date the window opens and closes. */
  startMonths: number;
  endMonths: number;
  /** The tranche's vesting window (trading days), null beyond the published calendar. */
  windowOpen: string | null;
  windowClose: string | null;
  /** The earliest permissible vesting day the engine derived, null when not known yet. */
  earliestVestingDate: string | null;
  grantees: number;
  plannedShares: number;
  vestedShares: number;
  run: PeriodRun | null;
  /** The vesting batch the period already belongs to (a period vests in one batch only). */
  takenBy: { batchId: string; batchNo: number } | null;
}

/** What a new batch's form starts from: the plan's most recent batch's account, reference and share source. */
export interface PayeeDefaults {
  payeeName: string;
  payeeBank: string;
  payeeAccount: string;
  referenceTemplate: string;
  shareSource: ShareSource;
}

export interface PlanBatchesView {
  plan: { id: string; name: string; nameEn: string };
  batches: VestingBatchSummary[];
  periods: PlanPeriodOption[];
  defaults: PayeeDefaults | null;
  today: string;
}

/** A batch's period on the detail page: with the category's names and its live vesting run, if any. */
export interface BatchPeriodView extends VestingBatchPeriodDto {
  categoryCode: number | null;
  categoryNameEn: string;
  run: PeriodRun | null;
  /** The live run is on the batch's registration date: what confirming the conditions needs. */
  runOnRegistrationDate: boolean;
}

export interface BatchView {
  batch: VestingBatchDto;
  periods: BatchPeriodView[];
  /** The closing price entered for the registration date (registration needs it), or null. */
  registrationClose: string | null;
  /** The latest closing price entered, for reference. */
  latestClose: { tradeDate: string; close: string } | null;
  today: string;
  /** Directors and senior managers of a registered batch, with what they may sell this year. */
  transfers: DirectorTransfer[];
}

/** One plan on the batches index: how many batches it has and how many are still under way. */
export interface BatchPlanEntry {
  id: string;
  name: string;
  nameEn: string;
  status: string;
  batches: number;
  underWay: number;
}

/** The /hr/vesting-batches index: every plan, oldest first, with its batch counts. */
export async function vestingBatchIndexPage(): Promise<BatchPlanEntry[]> {
  await requireUser(...STAFF_READ_ROLES);
  return batchPlanIndex(await db());
}

/** The plan's batches page: its batches, the periods a new one may cover, the form's defaults; null if unknown. */
export async function planVestingBatchesPage(planId: string): Promise<PlanBatchesView | null> {
  await requireUser(...STAFF_READ_ROLES);
  if (!isUuid(planId)) return null;
  return planBatchesView(await db(), planId);
}

/** One batch's page: the batch, its periods' runs and the closing prices registration needs; null if unknown. */
export async function vestingBatchPage(batchId: string): Promise<BatchView | null> {
  await requireUser(...STAFF_READ_ROLES);
  if (!isUuid(batchId)) return null;
  return batchView(await db(), batchId);
}

export async function batchPlanIndex(database: Database): Promise<BatchPlanEntry[]> {
  const rows = await database
    .select({
      id: plans.id,
      name: plans.name,
      nameEn: plans.nameEn,
      status: plans.status,
      batches: count(vestingBatches.id),
      underWay: sql<number>`count(${vestingBatches.id}) filter (where ${vestingBatches.status} <> 'announced')`,
    })
    .from(plans)
    .leftJoin(vestingBatches, eq(vestingBatches.planId, plans.id))
    .groupBy(plans.id)
    .orderBy(asc(plans.createdAt));
  return rows.map((r) => ({ ...r, batches: Number(r.batches), underWay: Number(r.underWay) }));
}

/** Live runs of the plan by period (the newest when, oddly, several are). */
async function liveRuns(database: Database, planId: string): Promise<Map<string, PeriodRun>> {
  const out = new Map<string, PeriodRun>();
  for (const r of await listVestingRuns(database, planId)) {
    const key = periodKey(r.batchId, r.categoryId, r.trancheIndex);
    if (r.reversal === null && !out.has(key)) out.set(key, { id: r.id, vestingDate: r.vestingDate });
  }
  return out;
}

export async function planBatchesView(database: Database, planId: string): Promise<PlanBatchesView | null> {
  const options = await runOptions(database, planId);
  if (!options) return null;
  const batches = await listVestingBatches(database, planId);
  const runs = await liveRuns(database, planId);

  // Per period: who holds it and its window as the engine derived it (one grant date per batch, so one window).
  const stats = await database
    .select({
      grantBatchId: grants.batchId,
      categoryId: grants.categoryId,
      trancheIndex: tranches.trancheIndex,
      grantees: countDistinct(grants.personId),
      planned: sum(tranches.plannedQuantity),
      vested: sum(tranches.vestedQuantity),
      windowOpen: min(tranches.windowOpen),
      windowClose: max(tranches.windowClose),
      earliest: min(tranches.earliestVestingDate),
    })
    .from(tranches)
    .innerJoin(grants, eq(grants.id, tranches.grantId))
    .where(eq(grants.planId, planId))
    .groupBy(grants.batchId, grants.categoryId, tranches.trancheIndex);
  const statOf = new Map(stats.map((s) => [periodKey(s.grantBatchId, s.categoryId, s.trancheIndex), s]));

  const taken = await database
    .select({
      grantBatchId: vestingBatchPeriods.grantBatchId,
      categoryId: vestingBatchPeriods.categoryId,
      trancheIndex: vestingBatchPeriods.trancheIndex,
      batchId: vestingBatches.id,
      batchNo: vestingBatches.batchNo,
    })
    .from(vestingBatchPeriods)
    .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchPeriods.vestingBatchId))
    .where(eq(vestingBatches.planId, planId));
  const takenOf = new Map(
    taken.map((t) => [
      periodKey(t.grantBatchId, t.categoryId, t.trancheIndex),
      { batchId: t.batchId, batchNo: t.batchNo },
    ]),
  );

  const periods: PlanPeriodOption[] = [];
  for (const b of options.batches)
    for (const c of options.categories)
      for (const t of c.tranches) {
        const key = periodKey(b.id, c.id, t.index);
        const stat = statOf.get(key);
        // A category nobody was granted in this batch has nothing to vest.
        if (!stat || stat.grantees === 0) continue;
        periods.push({
          grantBatchId: b.id,
          batch: b.batch,
          grantDate: b.grantDate,
          categoryId: c.id,
          categoryCode: c.code,
          categoryName: c.name,
          categoryNameEn: c.nameEn,
          trancheIndex: t.index,
          startMonths: t.startMonths,
          endMonths: t.endMonths,
          windowOpen: stat.windowOpen,
          windowClose: stat.windowClose,
          earliestVestingDate: stat.earliest,
          grantees: Number(stat.grantees),
          plannedShares: Number(stat.planned ?? 0),
          vestedShares: Number(stat.vested ?? 0),
          run: runs.get(key) ?? null,
          takenBy: takenOf.get(key) ?? null,
        });
      }

  const [last] = await database
    .select({
      payeeName: vestingBatches.payeeName,
      payeeBank: vestingBatches.payeeBank,
      payeeAccount: vestingBatches.payeeAccount,
      referenceTemplate: vestingBatches.referenceTemplate,
      shareSource: vestingBatches.shareSource,
    })
    .from(vestingBatches)
    .where(eq(vestingBatches.planId, planId))
    .orderBy(desc(vestingBatches.batchNo))
    .limit(1);

  return {
    plan: { id: options.plan.id, name: options.plan.name, nameEn: options.plan.nameEn },
    batches,
    periods,
    defaults: last ?? null,
    today: today(),
  };
}

export async function batchView(database: Database, batchId: string): Promise<BatchView | null> {
  let batch: VestingBatchDto;
  try {
    batch = await getVestingBatch(database, batchId);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
  const options = await runOptions(database, batch.planId);
  const categoryOf = new Map((options?.categories ?? []).map((c) => [c.id, c]));
  const runs = await liveRuns(database, batch.planId);
  const periods = batch.periods.map((p) => {
    const run = runs.get(periodKey(p.grantBatchId, p.categoryId, p.trancheIndex)) ?? null;
    const category = categoryOf.get(p.categoryId);
    return {
      ...p,
      categoryCode: category?.code ?? null,
      categoryNameEn: category?.nameEn ?? p.categoryLabel,
      run,
      runOnRegistrationDate: run !== null && run.vestingDate === batch.registrationDate,
    };
  });
  const [registrationClose, latestClose] = await Promise.all([
    closingPriceOn(database, batch.issuerId, batch.registrationDate),
    latestClosingPrice(database, batch.issuerId),
  ]);
  const asOf = today();
  const transfers = await directorTransfers(database, batch.id, asOf);
  return { batch, periods, registrationClose, latestClose, today: asOf, transfers };
}
