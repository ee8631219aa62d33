import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  grantBatches,
  grants,
  participantListEntries,
  participantListVersions,
  plans,
  shareCapitalHistory,
  tranches,
} from "@/db/schema";
import type { CapBatchTotal, CapHolding, CapPlan } from "@/lib/domain/caps/capHoldings";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";

/**
 * Loads the inputs of the one cap rule (lib/domain/caps/capHoldings.ts) for a grant, a participant
 * list preview and a plan's set-up alike. It only reads: which rows count is decided by the domain.
 */
export interface CapInputs {
  /** The latest recorded share capital, or null when none is recorded. */
  shareCapital: number | null;
  plans: CapPlan[];
  batchTotals: CapBatchTotal[];
  holdings: CapHolding[];
}

type Db = Database | Transaction;

/**
 * Advisory lock every write that the caps depend on takes first (grants, participant lists): the caps
 * are sums over all plans, so two concurrent writes must not both read the totals before either commits.
 */
export const CAP_WRITE_LOCK = 7_311_020_301;

/** Plans, batch totals, latest share capital and the holdings of `personIds`; `issuerId` null reads every issuer. */
export async function loadCapInputs(tx: Db, issuerId: string | null, personIds: readonly string[]): Promise<CapInputs> {
  // Sequential on purpose: inside a transaction every query shares one connection.
  const shareCapital = issuerId === null ? null : await latestShareCapital(tx, issuerId);
  const planRows = await loadCapPlans(tx, issuerId);
  const batchTotals = await loadBatchTotals(tx, issuerId);
  const holdings = await loadHoldings(tx, issuerId, personIds);
  return { shareCapital, plans: planRows, batchTotals, holdings };
}

async function latestShareCapital(tx: Db, issuerId: string): Promise<number | null> {
  const [row] = await tx
    .select({ shares: shareCapitalHistory.shares })
    .from(shareCapitalHistory)
    .where(eq(shareCapitalHistory.issuerId, issuerId))
    .orderBy(desc(shareCapitalHistory.effectiveDate))
    .limit(1);
  return row ? Number(row.shares) : null;
}

const ofIssuer = (issuerId: string | null): SQL | undefined =>
  issuerId === null ? undefined : eq(plans.issuerId, issuerId);

/** Every plan with its first grant date (validity runs from it). */
export async function loadCapPlans(tx: Db, issuerId: string | null): Promise<CapPlan[]> {
  const rows = await tx
    .select({
      id: plans.id,
      status: plans.status,
      validityMonths: plans.validityMonths,
      totalQuantity: plans.totalQuantity,
      reservedQuantity: plans.reservedQuantity,
      generalMeetingDate: plans.generalMeetingDate,
      // Written with qualified names: in a single-table select drizzle leaves columns unqualified, and an
      // unqualified "id" inside the subquery would name the batch's id, not the plan's (it always read null).
      firstGrantDate: sql<string | null>`(select min(fgb.grant_date)::text from grant_batches fgb
        where fgb.plan_id = "plans"."id" and fgb.batch = 'first'
          and not exists (select 1 from grant_batch_voids v where v.batch_id = fgb.id))`,
    })
    .from(plans)
    .where(ofIssuer(issuerId));
  return rows.map((r) => ({
    ...r,
    totalQuantity: Number(r.totalQuantity),
    reservedQuantity: Number(r.reservedQuantity),
  }));
}

/** Voided shares per grant, from the derived tranches (in adjusted shares). */
function lapsedByGrant(tx: Db) {
  return tx
    .select({ grantId: tranches.grantId, lapsed: sql<string>`sum(${tranches.lapsedQuantity})`.as("lapsed") })
    .from(tranches)
    .groupBy(tranches.grantId)
    .as("lapsed_by_grant");
}

async function loadBatchTotals(tx: Db, issuerId: string | null): Promise<CapBatchTotal[]> {
  const lapsed = lapsedByGrant(tx);
  const rows = await tx
    .select({
      planId: grants.planId,
      batch: grantBatches.batch,
      quantity: sql<string>`sum(${grants.quantity})::text`,
      adjustedQuantity: sql<string>`sum(${grants.adjustedQuantity})::text`,
      lapsedQuantity: sql<string>`coalesce(sum(${lapsed.lapsed}), 0)::text`,
    })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .innerJoin(plans, eq(grants.planId, plans.id))
    .leftJoin(lapsed, eq(lapsed.grantId, grants.id))
    // A voided batch was never awarded: its grants count neither as granted nor against the reserve.
    .where(and(ofIssuer(issuerId), batchNotVoided(grants.batchId)))
    .groupBy(grants.planId, grantBatches.batch);
  return rows.map((r) => ({
    planId: r.planId,
    batch: r.batch,
    quantity: Number(r.quantity),
    adjustedQuantity: Number(r.adjustedQuantity),
    lapsedQuantity: Number(r.lapsedQuantity),
  }));
}

/** The persons' grants per (plan, batch), and their entries on the latest list version of every (plan, batch). */
async function loadHoldings(tx: Db, issuerId: string | null, personIds: readonly string[]): Promise<CapHolding[]> {
  if (personIds.length === 0) return [];
  const ids = [...personIds];
  const lapsed = lapsedByGrant(tx);
  const granted = await tx
    .select({
      personId: grants.personId,
      planId: grants.planId,
      batch: grantBatches.batch,
      adjustedQuantity: sql<string>`sum(${grants.adjustedQuantity})::text`,
      lapsedQuantity: sql<string>`coalesce(sum(${lapsed.lapsed}), 0)::text`,
    })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .innerJoin(plans, eq(grants.planId, plans.id))
    .leftJoin(lapsed, eq(lapsed.grantId, grants.id))
    .where(and(inArray(grants.personId, ids), ofIssuer(issuerId), batchNotVoided(grants.batchId)))
    .groupBy(grants.personId, grants.planId, grantBatches.batch);
  const listed = await tx
    .select({
      personId: participantListEntries.personId,
      planId: participantListVersions.planId,
      batch: participantListVersions.batch,
      quantity: participantListEntries.quantity,
    })
    .from(participantListEntries)
    .innerJoin(participantListVersions, eq(participantListEntries.listVersionId, participantListVersions.id))
    .innerJoin(plans, eq(participantListVersions.planId, plans.id))
    .where(
      and(
        inArray(participantListEntries.personId, ids),
        ofIssuer(issuerId),
        sql`${participantListVersions.version} = (SELECT max(v.version) FROM participant_list_versions v WHERE v.plan_id = ${participantListVersions.planId} AND v.batch = ${participantListVersions.batch})`,
      ),
    );
  return [
    ...granted.map((g): CapHolding => ({
      personId: g.personId,
      planId: g.planId,
      batch: g.batch,
      source: "granted",
      adjustedQuantity: Number(g.adjustedQuantity),
      lapsedQuantity: Number(g.lapsedQuantity),
    })),
    ...listed.map((l): CapHolding => ({
      personId: l.personId,
      planId: l.planId,
      batch: l.batch,
      source: "listed",
      adjustedQuantity: Number(l.quantity),
      lapsedQuantity: 0,
    })),
  ];
}
