import "server-only";
import { and, asc, desc, eq, gt, lt, lte, or } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  adjustmentRecords,
  corporateActions,
  grantBatches,
  grants,
  shareCapitalHistory,
  tranches,
  vestingBatches,
} from "@/db/schema";
import { Dec } from "@/lib/domain/numeric/decimal";
import type { AdjustmentRowInput, LapseEntryInput } from "@/lib/domain/vesting/announcementFigures";
import { loadWaivedShares } from "@/lib/features/derivation/waivedShares";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";

/**
 * What the announcements of a batch need from outside the batch: the other lapses of its periods (作废:
 * leavers, appraisal), the share capital before the vesting (归属结果) and the corporate actions that
 * adjusted the plan since its last vesting (调整). Each read comes from the rows the engine derived, so
 * the documents tell the same story as the grant and vesting registers.
 */

type Db = Database | Transaction;

/** One tranche of a batch's period with lapsed shares, as the tranche writer stored it. */
export interface LapsedTranche {
  personId: string;
  /** tranches.lapseReason: "left", "appraisal", "waived", … */
  lapseReason: string;
  lapsedQuantity: number;
  /** Shares of this tranche waived in vesting batches whose payment closed (the batch announces those). */
  waived: number;
}

/**
 * The lapses the batch does not hold, one entry per tranche. The tranche writer stores one reason per
 * tranche: a tranche partly failed on appraisal and partly unpaid says "waived" for all its lapsed
 * shares, so the waived shares (which the batch's own lines give) are taken off and the rest is the
 * appraisal's (lib/domain/vesting/deriveTranches: lapsed = appraisal part + waived part).
 */
export function otherLapseEntries(rows: readonly LapsedTranche[]): LapseEntryInput[] {
  return rows.flatMap((r) => {
    if (r.lapsedQuantity <= 0) return [];
    if (r.lapseReason !== "waived") return [{ reason: r.lapseReason, shares: r.lapsedQuantity, personId: r.personId }];
    const rest = r.lapsedQuantity - Math.min(r.waived, r.lapsedQuantity);
    return rest > 0 ? [{ reason: "appraisal", shares: rest, personId: r.personId }] : [];
  });
}

/**
 * The leavers', appraisal and other lapses of the batch's periods (grant batch × category × tranche),
 * waived shares excluded: lapseAnnouncement adds those from the batch's lines.
 */
export async function periodLapses(db: Db, batch: VestingBatchDto): Promise<LapseEntryInput[]> {
  if (batch.periods.length === 0) return [];
  const inPeriods = or(
    ...batch.periods.map((p) =>
      and(
        eq(grants.batchId, p.grantBatchId),
        eq(grants.categoryId, p.categoryId),
        eq(tranches.trancheIndex, p.trancheIndex),
      ),
    ),
  );
  const rows = await db
    .select({
      grantId: tranches.grantId,
      trancheIndex: tranches.trancheIndex,
      personId: grants.personId,
      lapseReason: tranches.lapseReason,
      lapsedQuantity: tranches.lapsedQuantity,
    })
    .from(tranches)
    .innerJoin(grants, eq(grants.id, tranches.grantId))
    .where(and(eq(grants.planId, batch.planId), gt(tranches.lapsedQuantity, 0), inPeriods))
    .orderBy(asc(grants.personId), asc(tranches.trancheIndex));
  const waived = await loadWaivedShares(db, batch.planId);
  return otherLapseEntries(
    rows.flatMap((r) =>
      r.lapseReason === null
        ? []
        : [
            {
              personId: r.personId,
              lapseReason: r.lapseReason,
              lapsedQuantity: r.lapsedQuantity,
              waived: waived.get(`${r.grantId}/${r.trancheIndex}`) ?? 0,
            },
          ],
    ),
  );
}

/**
 * 股本总数 before the registration: the latest share-capital row dated before the registration date (a row
 * dated on it is taken to be the capital after this vesting); null if none.
 */
export async function shareCapitalBefore(db: Db, issuerId: string, registrationDate: string): Promise<number | null> {
  const [row] = await db
    .select({ shares: shareCapitalHistory.shares })
    .from(shareCapitalHistory)
    .where(and(eq(shareCapitalHistory.issuerId, issuerId), lt(shareCapitalHistory.effectiveDate, registrationDate)))
    .orderBy(desc(shareCapitalHistory.effectiveDate))
    .limit(1);
  return row?.shares ?? null;
}

/**
 * The price and quantity adjustments the 调整 announcement of this batch reports: per corporate action
 * and grant batch of the plan, the adjustment records' prices before and after and their quantities
 * added up, for actions with an ex-date after the plan's previous batch's registration date (none: from
 * the start) and on or before this batch's. Grants of one batch priced differently stay separate rows.
 * Quantities are the grants' as the adjustment records hold them (the grant's total, tranches vested
 * before the ex-date included: they are not adjusted, so the change is the unvested shares').
 */
export async function batchAdjustmentRows(db: Db, batch: VestingBatchDto): Promise<AdjustmentRowInput[]> {
  const [previous] = await db
    .select({ registrationDate: vestingBatches.registrationDate })
    .from(vestingBatches)
    .where(and(eq(vestingBatches.planId, batch.planId), lt(vestingBatches.batchNo, batch.batchNo)))
    .orderBy(desc(vestingBatches.registrationDate))
    .limit(1);
  const rows = await db
    .select({
      actionId: corporateActions.id,
      actionKind: corporateActions.type,
      exDate: corporateActions.exDate,
      grantBatchId: grantBatches.id,
      grantBatchKind: grantBatches.batch,
      grantDate: grantBatches.grantDate,
      priceBefore: adjustmentRecords.priceBefore,
      priceAfter: adjustmentRecords.priceAfter,
      quantityBefore: adjustmentRecords.quantityBefore,
      quantityAfter: adjustmentRecords.quantityAfter,
    })
    .from(adjustmentRecords)
    .innerJoin(corporateActions, eq(corporateActions.id, adjustmentRecords.corporateActionId))
    .innerJoin(grants, eq(grants.id, adjustmentRecords.grantId))
    .innerJoin(grantBatches, eq(grantBatches.id, grants.batchId))
    .where(
      and(
        eq(grants.planId, batch.planId),
        lte(corporateActions.exDate, batch.registrationDate),
        previous ? gt(corporateActions.exDate, previous.registrationDate) : undefined,
      ),
    )
    .orderBy(
      asc(corporateActions.exDate),
      asc(corporateActions.createdAt),
      asc(grantBatches.grantDate),
      asc(adjustmentRecords.grantId),
    );
  type Side = { price: string; quantity: number };
  const out = new Map<
    string,
    { grantBatchKind: string; grantDate: string; actionKind: string; exDate: string; before: Side; after: Side }
  >();
  for (const r of rows) {
    const before = new Dec(r.priceBefore).toFixed(2);
    const after = new Dec(r.priceAfter).toFixed(2);
    const key = `${r.actionId}|${r.grantBatchId}|${before}|${after}`;
    const row = out.get(key) ?? {
      grantBatchKind: r.grantBatchKind,
      grantDate: r.grantDate,
      actionKind: r.actionKind,
      exDate: r.exDate,
      before: { price: before, quantity: 0 },
      after: { price: after, quantity: 0 },
    };
    row.before.quantity += r.quantityBefore;
    row.after.quantity += r.quantityAfter;
    out.set(key, row);
  }
  return [...out.values()];
}
