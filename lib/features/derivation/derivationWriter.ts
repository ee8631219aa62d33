import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { chunks } from "@/lib/platform/collections/groupBy";
import {
  derivationRows,
  type AdjustmentRow,
  type ComputedGrant,
  type TrancheRow,
} from "@/lib/features/derivation/derivationRows";
import { derivationDifference, uuidList } from "@/lib/features/derivation/storedDerivation";

/** Grants per chunk: about 6,000 tranche rows read and compared at a time. */
const GRANTS_PER_CHUNK = 2_000;

/** What a derivation changed in the stored rows. */
export interface DerivationWrites {
  tranchesWritten: number;
  tranchesDeleted: number;
  adjustmentsWritten: number;
  adjustmentsDeleted: number;
  grantsAdjusted: number;
}

// The row shapes the JSON parameters are read as, typed at the stored precision: one definition each,
// for every statement that reads them.
const trancheColumns = sql`grant_id uuid, tranche_index integer, ratio numeric(7,4), planned_quantity bigint,
  window_open date, window_close date, earliest_vesting_date date, earliest_reason text, deferred_by jsonb, status tranche_status,
  vested_quantity bigint, lapsed_quantity bigint, vesting_date date, lapse_reason text`;
const adjustmentColumns = sql`corporate_action_id uuid, grant_id uuid, price_before numeric(12,2), price_after numeric(12,2),
  quantity_before bigint, quantity_after bigint, flags jsonb`;

const count = (result: unknown) =>
  Number(
    (result as { rowCount?: number | null; affectedRows?: number }).rowCount ??
      (result as { affectedRows?: number }).affectedRows ??
      0,
  );

/**
 * Stores a plan's derivation by difference: a row the engine gives again unchanged is not touched, so
 * the daily re-derivation of 50,000 grants writes only the tranches whose status or date moved (a
 * delete and re-insert of every row took 30 s there), tranche ids stay stable, and `derived_at` says
 * when a row last changed. The stored rows are read and compared first (storedDerivation.ts), so only
 * what differs is sent; those rows come as one JSON parameter per statement, whose casts name the column
 * types so that "the same value" is compared again at the stored precision.
 */
export async function writeDerivation(
  tx: Database | Transaction,
  computed: ReadonlyMap<string, ComputedGrant>,
): Promise<DerivationWrites> {
  const writes: DerivationWrites = {
    tranchesWritten: 0,
    tranchesDeleted: 0,
    adjustmentsWritten: 0,
    adjustmentsDeleted: 0,
    grantsAdjusted: 0,
  };
  for (const grantIds of chunks([...computed.keys()], GRANTS_PER_CHUNK)) {
    const rows = derivationRows(computed, grantIds);
    const figures = grantIds.map((id) => {
      const d = computed.get(id)!.derived;
      return { id, price: d.grantPrice, quantity: d.quantity };
    });
    const diff = await derivationDifference(tx, grantIds, { ...rows, grants: figures });
    if (diff.trancheIdsToDelete.length > 0)
      writes.tranchesDeleted += count(
        await tx.execute(sql`DELETE FROM tranches WHERE id = ANY (${uuidList(diff.trancheIdsToDelete)})`),
      );
    if (diff.tranches.length > 0) writes.tranchesWritten += count(await tx.execute(upsertTranches(diff.tranches)));
    if (diff.adjustmentIdsToDelete.length > 0)
      writes.adjustmentsDeleted += count(
        await tx.execute(sql`DELETE FROM adjustment_records WHERE id = ANY (${uuidList(diff.adjustmentIdsToDelete)})`),
      );
    if (diff.adjustments.length > 0)
      writes.adjustmentsWritten += count(await tx.execute(insertAdjustments(diff.adjustments)));
    if (diff.grants.length > 0) {
      const grantJson = JSON.stringify(diff.grants);
      writes.grantsAdjusted += count(
        await tx.execute(sql`
      UPDATE grants g SET adjusted_price = v.price, adjusted_quantity = v.quantity
        FROM jsonb_to_recordset(${grantJson}::jsonb) AS v(id uuid, price numeric(12,2), quantity bigint)
       WHERE g.id = v.id AND (g.adjusted_price, g.adjusted_quantity) IS DISTINCT FROM (v.price, v.quantity)`),
      );
    }
  }
  return writes;
}

/** New or changed tranche rows; the statement still compares at the stored precision and skips equal rows. */
function upsertTranches(rows: TrancheRow[]) {
  const trancheJson = JSON.stringify(
    rows.map((t) => ({
      grant_id: t.grantId,
      tranche_index: t.trancheIndex,
      ratio: t.ratio,
      planned_quantity: t.plannedQuantity,
      window_open: t.windowOpen,
      window_close: t.windowClose,
      earliest_vesting_date: t.earliestVestingDate,
      earliest_reason: t.earliestReason,
      deferred_by: t.deferredBy,
      status: t.status,
      vested_quantity: t.vestedQuantity,
      lapsed_quantity: t.lapsedQuantity,
      vesting_date: t.vestingDate,
      lapse_reason: t.lapseReason,
    })),
  );
  // Only rows that are new or differ are sent on to the upsert: an unchanged row is neither written
  // nor locked (ON CONFLICT ... WHERE would still lock every row it looks at).
  return sql`
      WITH v AS MATERIALIZED (
        SELECT * FROM jsonb_to_recordset(${trancheJson}::jsonb) AS x(${trancheColumns}))
      INSERT INTO tranches (grant_id, tranche_index, ratio, planned_quantity, window_open, window_close, earliest_vesting_date, earliest_reason,
                            deferred_by, status, vested_quantity, lapsed_quantity, vesting_date, lapse_reason, derived_at)
      SELECT v.grant_id, v.tranche_index, v.ratio, v.planned_quantity, v.window_open, v.window_close, v.earliest_vesting_date, v.earliest_reason,
             coalesce(v.deferred_by, '[]'::jsonb), v.status, v.vested_quantity, v.lapsed_quantity, v.vesting_date, v.lapse_reason, now()
        FROM v LEFT JOIN tranches t ON t.grant_id = v.grant_id AND t.tranche_index = v.tranche_index
       WHERE t.id IS NULL
          OR (t.ratio, t.planned_quantity, t.window_open, t.window_close, t.earliest_vesting_date, t.earliest_reason, t.deferred_by,
              t.status, t.vested_quantity, t.lapsed_quantity, t.vesting_date, t.lapse_reason)
             IS DISTINCT FROM
             (v.ratio, v.planned_quantity, v.window_open, v.window_close, v.earliest_vesting_date, v.earliest_reason, coalesce(v.deferred_by, '[]'::jsonb),
              v.status, v.vested_quantity, v.lapsed_quantity, v.vesting_date, v.lapse_reason)
      ON CONFLICT (grant_id, tranche_index) DO UPDATE SET
        ratio = EXCLUDED.ratio, planned_quantity = EXCLUDED.planned_quantity, window_open = EXCLUDED.window_open, window_close = EXCLUDED.window_close,
        earliest_vesting_date = EXCLUDED.earliest_vesting_date, earliest_reason = EXCLUDED.earliest_reason, deferred_by = EXCLUDED.deferred_by,
        status = EXCLUDED.status, vested_quantity = EXCLUDED.vested_quantity, lapsed_quantity = EXCLUDED.lapsed_quantity,
        vesting_date = EXCLUDED.vesting_date, lapse_reason = EXCLUDED.lapse_reason, derived_at = EXCLUDED.derived_at`;
}

/** Records not stored yet; records have no natural key beyond all their values. */
function insertAdjustments(rows: AdjustmentRow[]) {
  const adjustmentJson = JSON.stringify(
    rows.map((a) => ({
      corporate_action_id: a.corporateActionId,
      grant_id: a.grantId,
      price_before: a.priceBefore,
      price_after: a.priceAfter,
      quantity_before: a.quantityBefore,
      quantity_after: a.quantityAfter,
      flags: a.flags ?? [],
    })),
  );
  return sql`
      WITH v AS MATERIALIZED (
        SELECT * FROM jsonb_to_recordset(${adjustmentJson}::jsonb) AS x(${adjustmentColumns}))
      INSERT INTO adjustment_records (corporate_action_id, grant_id, price_before, price_after, quantity_before, quantity_after, flags)
      SELECT v.corporate_action_id, v.grant_id, v.price_before, v.price_after, v.quantity_before, v.quantity_after, v.flags
        FROM v
       WHERE NOT EXISTS (
         SELECT 1 FROM adjustment_records a
          WHERE a.grant_id = v.grant_id AND a.corporate_action_id = v.corporate_action_id AND a.price_before = v.price_before
            AND a.price_after = v.price_after AND a.quantity_before = v.quantity_before AND a.quantity_after = v.quantity_after AND a.flags = v.flags)`;
}
