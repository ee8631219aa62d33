/**
 * The bench company (npm run bench:seed) at a small size: counts, the caps, the bench login, tranches
 * identical to what rederivePlan writes, a top-up that leaves the bench grantee's grants untouched, and
 * a refusal to write into a database that holds another company.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { issuers } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { BENCH_GRANTEE_EMAIL, benchPassword } from "@/bench/seed/benchAccounts";
import { seedBenchCompany } from "@/bench/seed/seedBench";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/** Every derived fact of the company (ids of tranche rows and derivation times aside), in a fixed order. */
const derivedState = (h: DatabaseHandle, personFilter = sql`true`) =>
  rows<{ row: string }>(
    h,
    sql`
  SELECT json_build_array(g.id, g.adjusted_price, g.adjusted_quantity, t.tranche_index, t.ratio, t.planned_quantity, t.window_open, t.window_close,
    t.earliest_vesting_date, t.earliest_reason, t.deferred_by, t.status, t.vested_quantity, t.lapsed_quantity, t.vesting_date, t.lapse_reason,
    (SELECT json_agg(json_build_array(a.corporate_action_id, a.price_before, a.price_after, a.quantity_before, a.quantity_after, a.flags) ORDER BY a.corporate_action_id) FROM adjustment_records a WHERE a.grant_id = g.id))::text AS row
  FROM grants g JOIN tranches t ON t.grant_id = g.id WHERE g.person_id IN (SELECT id FROM persons WHERE ${personFilter})
  ORDER BY g.id, t.tranche_index`,
  );

describe.each(BACKENDS)("bench company on %s", (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedBenchCompany(h.db, { employees: 200, grants: 600, asOf: AS_OF });
  });
  afterAll(async () => h?.close());

  it("has the requested people and grants, three tranches per grant, derived for the day", async () => {
    const [c] = await rows<Record<string, number>>(
      h,
      sql`SELECT (SELECT count(*)::int FROM persons) AS persons, (SELECT count(*)::int FROM grants) AS grants,
      (SELECT count(*)::int FROM tranches) AS tranches, (SELECT count(DISTINCT grant_id)::int FROM tranches) AS "grantsWithTranches",
      (SELECT count(*)::int FROM vesting_runs) AS runs, (SELECT count(*)::int FROM appraisal_results) AS grades,
      (SELECT count(*)::int FROM tranches WHERE status = 'vested') AS vested, (SELECT count(*)::int FROM persons WHERE id_number_enc IS NULL) AS "withoutId",
      (SELECT count(*)::int FROM disclosure_events) AS disclosures, (SELECT count(*)::int FROM plans WHERE derived_on <> ${AS_OF}) AS "staleOn"`,
    );
    // At this size every plan is younger than a year: nothing has vested yet (the top-up below reaches older plans).
    expect(c).toMatchObject({
      persons: 200,
      grants: 600,
      tranches: 1800,
      grantsWithTranches: 600,
      withoutId: 0,
      staleOn: 0,
      runs: 0,
      vested: 0,
    });
    expect(c!.disclosures).toBeGreaterThan(20);
  });

  it("respects the 1 % per-person and 20 % all-plans caps of the share capital", async () => {
    const [c] = await rows<{ capital: string; person: string; plans: string; reserveOver: number }>(
      h,
      sql`SELECT
      (SELECT max(shares) FROM share_capital_history) AS capital,
      (SELECT max(q) FROM (SELECT sum(quantity) AS q FROM grants GROUP BY person_id) x) AS person,
      (SELECT sum(total_quantity) FROM plans) AS plans,
      (SELECT count(*)::int FROM plans WHERE reserved_quantity * 5 > total_quantity OR first_grant_quantity + reserved_quantity <> total_quantity) AS "reserveOver"`,
    );
    expect(Number(c!.person) * 100).toBeLessThanOrEqual(Number(c!.capital));
    expect(Number(c!.plans) * 5).toBeLessThanOrEqual(Number(c!.capital));
    expect(c!.reserveOver).toBe(0);
  });

  it("has a grantee login with the bench password, linked to a person holding grants in plans 1-3 at this size", async () => {
    const [u] = await rows<{ password_hash: string; roles: string[]; grants: number }>(
      h,
      sql`SELECT u.password_hash, array_agg(DISTINCT r.role::text) AS roles,
      (SELECT count(*)::int FROM grants g WHERE g.person_id = u.person_id) AS grants
      FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.email = ${BENCH_GRANTEE_EMAIL} GROUP BY u.id`,
    );
    expect(u?.roles).toEqual(["employee"]);
    expect(u?.grants).toBe(3);
    expect(await verifyPassword(u!.password_hash, benchPassword())).toBe(true);
    const [admin] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.email = 'admin@bench.local' AND r.role = 'admin'`,
    );
    expect(admin?.n).toBe(1);
  });

  it("tops up to more grants without changing any existing grant of the bench grantee", async () => {
    const grantee = sql`id = (SELECT person_id FROM users WHERE email = ${BENCH_GRANTEE_EMAIL})`;
    const before = await derivedState(h, grantee);
    expect(before).toHaveLength(9);
    const result = await seedBenchCompany(h.db, { employees: 200, grants: 750, asOf: AS_OF });
    expect(result).toMatchObject({ toppedUp: true, addedGrants: 150 });
    const [c] = await rows<{ grants: number; tranches: number; runs: number; grades: number; vested: number }>(
      h,
      sql`SELECT (SELECT count(*)::int FROM grants) AS grants,
      (SELECT count(*)::int FROM tranches) AS tranches, (SELECT count(*)::int FROM vesting_runs) AS runs, (SELECT count(*)::int FROM appraisal_results) AS grades,
      (SELECT count(*)::int FROM tranches WHERE status = 'vested') AS vested`,
    );
    expect(c).toMatchObject({ grants: 750, tranches: 2250 });
    // Plan 4 was granted in 2025: its first tranche vested in a run, with grades for the people still employed.
    expect(c!.runs).toBeGreaterThan(0);
    expect(c!.grades).toBeGreaterThan(0);
    expect(c!.vested).toBeGreaterThan(0);
    // Plan 4's first slot is reached now: the grantee gains that grant, and the three earlier ones stay as they were.
    const after = await derivedState(h, grantee);
    expect(after).toHaveLength(12);
    expect(after).toEqual(expect.arrayContaining(before));
    await expect(seedBenchCompany(h.db, { employees: 300, grants: 800, asOf: AS_OF })).rejects.toThrow(/keeps them/);
  });

  it("stores exactly the tranches, adjustments and adjusted figures that rederivePlan writes (vesting history included)", async () => {
    const before = await derivedState(h);
    const plans = await rows<{ id: string }>(h, sql`SELECT id FROM plans`);
    await h.db.transaction(async (tx) => {
      for (const p of plans) await rederivePlan(tx, p.id, AS_OF);
    });
    expect(await derivedState(h)).toEqual(before);
  });

  it("refuses a database that holds another company", async () => {
    const other = await freshDatabase(kind);
    try {
      await other.db
        .insert(issuers)
        .values({ name: "某真实公司", nameEn: "A real company", stockCode: "688001", parValue: "1.00" });
      await expect(seedBenchCompany(other.db, { employees: 50, grants: 10, asOf: AS_OF })).rejects.toThrow(
        /another company/,
      );
    } finally {
      await other.close();
    }
  });
});
