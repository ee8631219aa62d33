import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";

type Row = Record<string, string | number | boolean | null>;

async function rowsOf(db: Database, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

const str = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? null : String(v));

/** Open publicity periods with their end dates and open objections. */
export async function openPublicity(db: Database) {
  const rows = await rowsOf(
    db,
    sql`SELECT pp.id::text AS id, pp.plan_id::text AS plan_id, pp.end_date::text AS end_date,
          (SELECT count(*) FROM objections o WHERE o.publicity_period_id = pp.id AND o.status = 'open')::int AS open_objections
        FROM publicity_periods pp WHERE pp.status = 'open' ORDER BY pp.end_date`,
  );
  return rows.map((r) => ({
    periodId: String(r.id),
    planId: String(r.plan_id),
    endDate: String(r.end_date),
    openObjections: Number(r.open_objections),
  }));
}

/** Objections still open in periods already closed (an answer is still owed). */
export async function openObjectionsInClosedPeriods(db: Database) {
  const rows = await rowsOf(
    db,
    sql`SELECT pp.id::text AS id, pp.plan_id::text AS plan_id, count(*)::int AS n
        FROM objections o JOIN publicity_periods pp ON pp.id = o.publicity_period_id
        WHERE o.status = 'open' AND pp.status = 'closed' GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ periodId: String(r.id), planId: String(r.plan_id), count: Number(r.n) }));
}

/** Plans before or at their general meeting without a verification opinion in force. */
export async function plansAwaitingVerification(db: Database) {
  const rows = await rowsOf(
    db,
    sql`SELECT p.id::text AS id, p.general_meeting_date::text AS gm
        FROM plans p
        WHERE p.status IN ('board_approved', 'publicity') AND p.general_meeting_date IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM verification_records v WHERE v.plan_id = p.id AND NOT v.stale)`,
  );
  return rows.map((r) => ({ planId: String(r.id), generalMeetingDate: String(r.gm) }));
}

/** Approved plans with part of the reserve not yet granted. */
export async function plansWithReserveLeft(db: Database) {
  const rows = await rowsOf(
    db,
    sql`SELECT p.id::text AS id, p.general_meeting_date::text AS gm,
          (p.reserved_quantity - coalesce((SELECT sum(g.quantity) FROM grants g JOIN grant_batches b ON b.id = g.batch_id
             WHERE b.plan_id = p.id AND b.batch = 'reserved'), 0))::bigint::text AS remaining
        FROM plans p
        WHERE p.reserved_quantity > 0 AND p.general_meeting_date IS NOT NULL
          AND p.status IN ('approved_by_general_meeting', 'granted', 'vesting')`,
  );
  return rows
    .map((r) => ({ planId: String(r.id), generalMeetingDate: String(r.gm), remaining: Number(r.remaining) }))
    .filter((r) => r.remaining > 0);
}

/**
 * Tranches not yet decided whose window opens or closes in [from, to], grouped by plan, batch, category
 * and tranche, with the earliest permissible day and whether a blackout window moved it.
 */
export async function trancheWindowsBetween(db: Database, from: string, to: string) {
  const rows = await rowsOf(
    db,
    sql`SELECT g.plan_id::text AS plan_id, b.batch::text AS batch, b.grant_date::text AS grant_date, c.code AS category,
          tr.tranche_index, tr.window_open::text AS window_open, tr.window_close::text AS window_close,
          min(tr.earliest_vesting_date)::text AS earliest, bool_or(jsonb_array_length(tr.deferred_by) > 0) AS deferred,
          count(*)::int AS grants, sum(tr.planned_quantity)::bigint::text AS shares
        FROM tranches tr
        JOIN grants g ON g.id = tr.grant_id
        JOIN grant_batches b ON b.id = g.batch_id
        JOIN participant_categories c ON c.id = g.category_id
        WHERE tr.status IN ('pending', 'vestable')
          AND ((tr.window_open BETWEEN ${from}::date AND ${to}::date) OR (tr.window_close BETWEEN ${from}::date AND ${to}::date))
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
  return rows.map((r) => ({
    planId: String(r.plan_id),
    batch: String(r.batch) as "first" | "reserved",
    grantDate: String(r.grant_date),
    categoryCode: Number(r.category),
    trancheIndex: Number(r.tranche_index),
    windowOpen: str(r.window_open),
    windowClose: str(r.window_close),
    earliestVestingDate: str(r.earliest),
    deferred: r.deferred === true || r.deferred === "t",
    grants: Number(r.grants),
    shares: Number(r.shares),
  }));
}

/**
 * Tranches whose window is open today and which have not vested yet: a vesting run is owed before the
 * window closes. Grouped by plan, batch, category and tranche, with the earliest permissible day.
 */
export async function tranchesToVest(db: Database) {
  const rows = await rowsOf(
    db,
    sql`SELECT g.plan_id::text AS plan_id, b.batch::text AS batch, b.grant_date::text AS grant_date, c.code AS category,
          tr.tranche_index, min(tr.window_close)::text AS window_close, min(tr.earliest_vesting_date)::text AS earliest,
          count(*)::int AS grants, sum(tr.planned_quantity)::bigint::text AS shares
        FROM tranches tr
        JOIN grants g ON g.id = tr.grant_id
        JOIN grant_batches b ON b.id = g.batch_id
        JOIN participant_categories c ON c.id = g.category_id
        WHERE tr.status = 'vestable'
        GROUP BY 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({
    planId: String(r.plan_id),
    batch: String(r.batch) as "first" | "reserved",
    grantDate: String(r.grant_date),
    categoryCode: Number(r.category),
    trancheIndex: Number(r.tranche_index),
    windowClose: str(r.window_close),
    earliestVestingDate: str(r.earliest),
    grants: Number(r.grants),
    shares: Number(r.shares),
  }));
}

/** Grants not yet accepted by their grantees, per plan (left grantees excluded). */
export async function unacceptedGrants(db: Database) {
  const rows = await rowsOf(
    db,
    sql`SELECT g.plan_id::text AS plan_id, count(*)::int AS n
        FROM grants g JOIN persons p ON p.id = g.person_id JOIN plans pl ON pl.id = g.plan_id
        WHERE g.accepted_at IS NULL AND p.employment_status = 'active' AND pl.status NOT IN ('closed', 'expired')
        GROUP BY 1`,
  );
  return rows.map((r) => ({ planId: String(r.plan_id), count: Number(r.n) }));
}
