/**
 * rederivePlan stores the engine's result by difference: a second run over unchanged inputs writes
 * no row (same tuple versions, same ids), a changed input rewrites only the rows it changes, and what
 * is stored always equals what a delete-and-reinsert would have stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { derivationRows } from "@/lib/features/derivation/derivationRows";
import { writeDerivation } from "@/lib/features/derivation/derivationWriter";
import { derivationDifference } from "@/lib/features/derivation/storedDerivation";
import {
  computePlanDerivation,
  loadPlanDerivationInputs,
  rederivePlan,
} from "@/lib/features/derivation/trancheDerivation";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

type StoredTranche = {
  id: string;
  version: string;
  grant_id: string;
  tranche_index: number;
  status: string;
  earliest_vesting_date: string | null;
  ratio: string;
  deferred_by: unknown;
};

describe.each(BACKENDS)("derivation writes on %s", (kind) => {
  let h: DatabaseHandle;
  let planIds: string[] = [];

  // xmin changes whenever a row gets a new version, locked-only rows included on PostgreSQL's own terms.
  const tranchesOf = (planId: string) =>
    rows<StoredTranche>(
      h,
      sql`SELECT t.id, t.xmin::text AS version, t.grant_id, t.tranche_index, t.status::text AS status, t.earliest_vesting_date::text AS earliest_vesting_date, t.ratio::text AS ratio, t.deferred_by
      FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.plan_id = ${planId} ORDER BY t.grant_id, t.tranche_index`,
    );
  const adjustmentsOf = (planId: string) =>
    rows<{ id: string; grant_id: string; price_after: string }>(
      h,
      sql`SELECT a.id, a.grant_id, a.price_after::text AS price_after FROM adjustment_records a JOIN grants g ON g.id = a.grant_id WHERE g.plan_id = ${planId} ORDER BY a.id`,
    );
  const grantFigures = (planId: string) =>
    rows<{ id: string; version: string; adjusted_price: string; adjusted_quantity: string }>(
      h,
      sql`SELECT id, xmin::text AS version, adjusted_price::text AS adjusted_price, adjusted_quantity::text AS adjusted_quantity FROM grants WHERE plan_id = ${planId} ORDER BY id`,
    );

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    planIds = (await rows<{ id: string }>(h, sql`SELECT DISTINCT plan_id AS id FROM grants ORDER BY 1`)).map(
      (r) => r.id,
    );
    expect(planIds.length).toBeGreaterThan(1);
  }, 120_000);
  afterAll(async () => h?.close());

  it("a second derivation over the same inputs writes nothing: same row versions, same ids, zero counts", async () => {
    for (const planId of planIds) {
      await h.db.transaction((tx) => rederivePlan(tx, planId, AS_OF));
      const before = {
        tranches: await tranchesOf(planId),
        adjustments: await adjustmentsOf(planId),
        grants: await grantFigures(planId),
      };
      expect(before.tranches.length).toBeGreaterThan(0);
      const writes = await h.db.transaction(async (tx) =>
        writeDerivation(tx, computePlanDerivation(await loadPlanDerivationInputs(tx, planId), AS_OF)),
      );
      expect(writes).toEqual({
        tranchesWritten: 0,
        tranchesDeleted: 0,
        adjustmentsWritten: 0,
        adjustmentsDeleted: 0,
        grantsAdjusted: 0,
      });
      expect(await tranchesOf(planId)).toEqual(before.tranches);
      expect(await adjustmentsOf(planId)).toEqual(before.adjustments);
      expect(await grantFigures(planId)).toEqual(before.grants);
    }
    // The demo company has corporate actions: adjusted figures and records are part of what stayed.
    const adjusted = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM adjustment_records`);
    expect(adjusted[0]!.n).toBeGreaterThan(0);
  });

  it("after a derivation, the stored rows compare equal to the engine's: nothing would be sent again", async () => {
    for (const planId of planIds) {
      await h.db.transaction((tx) => rederivePlan(tx, planId, AS_OF));
      const computed = computePlanDerivation(await loadPlanDerivationInputs(h.db, planId), AS_OF);
      const ids = [...computed.keys()];
      const figures = ids.map((id) => ({
        id,
        price: computed.get(id)!.derived.grantPrice,
        quantity: computed.get(id)!.derived.quantity,
      }));
      const diff = await derivationDifference(h.db, ids, { ...derivationRows(computed, ids), grants: figures });
      // Stored numerics carry their scale ("0.3000") and jsonb reorders keys: neither counts as a change.
      expect(diff).toEqual({
        tranches: [],
        trancheIdsToDelete: [],
        adjustments: [],
        adjustmentIdsToDelete: [],
        grants: [],
      });
    }
  });

  it("stores exactly the engine's rows, whatever was there: tampered, missing and extra rows are put right", async () => {
    // The plan with corporate-action adjustments, so that records and adjusted prices are put right too.
    const [withActions] = await rows<{ plan_id: string }>(
      h,
      sql`SELECT g.plan_id FROM adjustment_records a JOIN grants g ON g.id = a.grant_id LIMIT 1`,
    );
    const planId = withActions!.plan_id;
    const [victim, other] = (await tranchesOf(planId)).filter((t) => t.tranche_index === 1);
    await h.db.execute(
      sql`UPDATE tranches SET status = 'lapsed', earliest_vesting_date = '2000-01-01', deferred_by = '[{"x":1}]'::jsonb WHERE id = ${victim!.id}`,
    );
    await h.db.execute(sql`DELETE FROM tranches WHERE grant_id = ${other!.grant_id} AND tranche_index = 2`);
    await h.db.execute(
      sql`INSERT INTO tranches (grant_id, tranche_index, ratio, planned_quantity, status) VALUES (${other!.grant_id}, 99, 0.1, 1, 'pending')`,
    );
    const [someAdjustment] = await adjustmentsOf(planId);
    await h.db.execute(
      sql`UPDATE adjustment_records SET price_after = price_after + 1 WHERE id = ${someAdjustment!.id}`,
    );
    await h.db.execute(sql`UPDATE grants SET adjusted_price = adjusted_price + 7 WHERE id = ${victim!.grant_id}`);

    const writes = await h.db.transaction(async (tx) =>
      writeDerivation(tx, computePlanDerivation(await loadPlanDerivationInputs(tx, planId), AS_OF)),
    );
    expect(writes.tranchesWritten).toBe(2);
    expect(writes.tranchesDeleted).toBe(1);
    expect(writes.grantsAdjusted).toBe(1);
    expect([writes.adjustmentsDeleted, writes.adjustmentsWritten]).toEqual([1, 1]);

    // What is stored now is what the engine gives, field by field.
    const computed = computePlanDerivation(await loadPlanDerivationInputs(h.db, planId), AS_OF);
    const expected = derivationRows(computed, computed.keys()).tranches;
    const stored = await rows<{
      grant_id: string;
      tranche_index: number;
      status: string;
      earliest_vesting_date: string | null;
      planned_quantity: string;
      deferred_by: unknown;
    }>(
      h,
      sql`SELECT t.grant_id, t.tranche_index, t.status::text AS status, t.earliest_vesting_date::text AS earliest_vesting_date, t.planned_quantity::text AS planned_quantity, t.deferred_by
            FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.plan_id = ${planId}`,
    );
    const key = (g: string, i: number) => `${g}/${i}`;
    const storedByKey = new Map(stored.map((s) => [key(s.grant_id, s.tranche_index), s]));
    expect(stored.length).toBe(expected.length);
    for (const e of expected) {
      const s = storedByKey.get(key(e.grantId, e.trancheIndex));
      expect(s, key(e.grantId, e.trancheIndex)).toBeDefined();
      expect({
        status: s!.status,
        earliest: s!.earliest_vesting_date,
        planned: Number(s!.planned_quantity),
        deferredBy: s!.deferred_by,
      }).toEqual({
        status: e.status,
        earliest: e.earliestVestingDate ?? null,
        planned: e.plannedQuantity,
        deferredBy: JSON.parse(JSON.stringify(e.deferredBy)),
      });
    }
    // Untouched rows kept their ids.
    const after = await tranchesOf(planId);
    expect(after.find((t) => t.id === victim!.id)).toBeDefined();
  });

  it("a changed input (a leave date) rewrites only the leaver's tranches", async () => {
    const [leaver] = await rows<{ person_id: string; grant_id: string; plan_id: string }>(
      h,
      sql`SELECT g.person_id, g.id AS grant_id, g.plan_id FROM grants g JOIN tranches t ON t.grant_id = g.id
      JOIN persons p ON p.id = g.person_id WHERE p.leave_date IS NULL AND t.status IN ('pending', 'vestable') GROUP BY g.person_id, g.id ORDER BY g.id LIMIT 1`,
    );
    const planId = leaver!.plan_id;
    const before = await tranchesOf(planId);
    await h.db.execute(sql`UPDATE persons SET leave_date = ${AS_OF} WHERE id = ${leaver!.person_id}`);
    const leaverGrants = new Set(
      (
        await rows<{ id: string }>(
          h,
          sql`SELECT id FROM grants WHERE person_id = ${leaver!.person_id} AND plan_id = ${planId}`,
        )
      ).map((r) => r.id),
    );
    await h.db.transaction((tx) => rederivePlan(tx, planId, AS_OF));
    const after = await tranchesOf(planId);
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
    const changed = after.filter((t, i) => t.version !== before[i]!.version);
    expect(changed.length).toBeGreaterThan(0);
    for (const t of changed) expect(leaverGrants.has(t.grant_id)).toBe(true);
    expect(after.filter((t) => t.grant_id === leaver!.grant_id).some((t) => t.status === "lapsed")).toBe(true);
  });
});
