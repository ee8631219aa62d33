import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { authenticate } from "@/lib/auth/credentials";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import { grantsOfPerson, grantTotals } from "@/lib/features/grants/readModel/grantReads";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

describe.each(BACKENDS)("demo seed and sign-in on %s", (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(kind);
    expect(await seedDemoIfEmpty(h.db, AS_OF)).toBe(true);
  });
  afterAll(async () => h?.close());

  it("seeds the plans as the texts give them", async () => {
    const batches = await rows<{
      plan: string;
      batch: string;
      grant_date: string;
      price: string;
      people: number;
      quantity: string;
      adjusted: string;
    }>(
      h,
      sql`SELECT p.name_en AS plan, b.batch, b.grant_date::text, b.grant_price::text AS price, count(g.id)::int AS people, sum(g.quantity)::text AS quantity, min(g.adjusted_price)::text || '/' || max(g.adjusted_price)::text AS adjusted
          FROM grant_batches b JOIN plans p ON p.id = b.plan_id JOIN grants g ON g.batch_id = b.id
          WHERE p.name_en NOT LIKE '%Core Staff%' GROUP BY 1, 2, 3, 4 ORDER BY 3`,
    );
    expect(batches).toEqual([
      {
        plan: "2021 Restricted Stock Incentive Plan",
        batch: "first",
        grant_date: "2021-06-02",
        price: "45.86",
        people: 223,
        quantity: "700000",
        adjusted: "45.26/45.26",
      },
      {
        plan: "2021 Restricted Stock Incentive Plan",
        batch: "reserved",
        grant_date: "2021-12-28",
        price: "45.26",
        people: 13,
        quantity: "138300",
        adjusted: "45.26/45.26",
      },
      {
        plan: "2022 Restricted Stock Incentive Plan",
        batch: "first",
        grant_date: "2022-12-05",
        price: "39.58",
        people: 127,
        quantity: "800000",
        adjusted: "39.58/39.58",
      },
      {
        plan: "2022 Restricted Stock Incentive Plan",
        batch: "reserved",
        grant_date: "2023-09-20",
        price: "39.58",
        people: 20,
        quantity: "150000",
        adjusted: "39.58/39.58",
      },
    ]);
    const plan2022 = await rows<{
      total: string;
      first: string;
      reserved: string;
      validity: number;
      annual: number;
      quarterly: number;
      cat1: number;
      cat2: number;
    }>(
      h,
      sql`SELECT p.total_quantity::text AS total, p.first_grant_quantity::text AS first, p.reserved_quantity::text AS reserved, p.validity_months AS validity, r.annual_days AS annual, r.quarterly_days AS quarterly,
            (SELECT count(*)::int FROM grants g JOIN participant_categories c ON c.id = g.category_id WHERE g.plan_id = p.id AND c.code = 1) AS cat1,
            (SELECT count(*)::int FROM grants g JOIN participant_categories c ON c.id = g.category_id JOIN grant_batches b ON b.id = g.batch_id WHERE g.plan_id = p.id AND c.code = 2 AND b.batch = 'first') AS cat2
          FROM plans p JOIN blackout_rule_sets r ON r.id = p.blackout_rule_set_id WHERE p.name_en LIKE '2022%'`,
    );
    expect(plan2022[0]).toMatchObject({
      total: "1000000",
      first: "800000",
      reserved: "200000",
      validity: 60,
      annual: 30,
      quarterly: 10,
      cat2: 6,
    });
    expect(plan2022[0]!.cat1 - 20).toBe(121); // 121 first-grant people in category 1 plus 20 reserved grantees
  });

  it("records the 0.60 dividend in the 2021 first grant's adjustment history only", async () => {
    const adj = await rows<{ batch: string; before: string; after: string; n: number }>(
      h,
      sql`SELECT b.batch, a.price_before::text AS before, a.price_after::text AS after, count(*)::int AS n FROM adjustment_records a JOIN grants g ON g.id = a.grant_id JOIN grant_batches b ON b.id = g.batch_id GROUP BY 1, 2, 3`,
    );
    expect(adj).toEqual([{ batch: "first", before: "45.86", after: "45.26", n: 223 }]);
  });

  it("derives tranches that sum to each grant and shows vested, partly lapsed, left and open tranches", async () => {
    const mismatched = await rows(
      h,
      sql`SELECT g.id FROM grants g JOIN tranches t ON t.grant_id = g.id GROUP BY g.id, g.adjusted_quantity HAVING sum(t.planned_quantity) <> g.adjusted_quantity`,
    );
    expect(mismatched).toEqual([]);
    const kinds = await rows<{ status: string; lapse_reason: string | null }>(
      h,
      sql`SELECT DISTINCT status::text, lapse_reason FROM tranches ORDER BY 1, 2`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        { status: "vested", lapse_reason: null },
        { status: "vested", lapse_reason: "appraisal" },
        { status: "lapsed", lapse_reason: "left" },
        { status: "vestable", lapse_reason: null },
      ]),
    );
  });

  it("gives employee@demo.local grants in both plans, with the open tranche deferred by the major event", async () => {
    const [u] = await h.db.select().from(users).where(eq(users.email, "employee@demo.local"));
    const list = await grantsOfPerson(h.db, u!.personId!);
    expect(list.map((g) => [g.planNameEn.slice(0, 4), g.batch, g.categoryName])).toEqual([
      ["2021", "first", "核心管理人员及技术骨干"],
      ["2022", "first", "第一类激励对象"],
      // The plan dated from the seed day: its reserved grant of 2025-12-12 (12 months less three weeks before 2026-11-21).
      ["2025", "reserved", "核心骨干"],
    ]);
    expect(list[0]!.grantPrice).toBe("45.26");
    expect(list[0]!.adjustments).toEqual([
      {
        date: "2021-07-09",
        type: "dividend",
        priceBefore: "45.86",
        priceAfter: "45.26",
        quantityBefore: list[0]!.originalQuantity,
        quantityAfter: list[0]!.originalQuantity,
      },
    ]);
    const open = list[1]!.tranches[2]!;
    expect(open).toMatchObject({
      index: 3,
      status: "vestable",
      windowOpen: "2025-12-05",
      windowClose: "2026-12-04",
      earliestVestingDate: "2026-11-30",
    });
    expect(open.deferredBy.map((d) => [d.kind, d.from, d.to])).toEqual([["major_event", "2026-11-16", "2026-11-27"]]);
    const totals = grantTotals(list);
    expect(totals.vested + totals.lapsed + totals.unvested).toBe(totals.granted);
  });

  it("encrypts every ID number at rest", async () => {
    const people = await rows<{ id_number_enc: string; id_number_last4: string }>(
      h,
      sql`SELECT id_number_enc, id_number_last4 FROM persons`,
    );
    expect(people).toHaveLength(300);
    for (const p of people.slice(0, 20)) {
      const plain = decryptIdNumber(p.id_number_enc);
      expect(p.id_number_enc).not.toContain(plain);
      expect(plain.endsWith(p.id_number_last4)).toBe(true);
    }
  });

  it("has a 2026 plan in open publicity, verified by the remuneration committee under the 2024 rules", async () => {
    const [p] = await rows<{ status: string; verifying_body: string; rule: string; open: number; listed: number }>(
      h,
      sql`SELECT p.status::text, p.verifying_body::text, r.name AS rule,
            (SELECT count(*)::int FROM publicity_periods pp WHERE pp.plan_id = p.id AND pp.status = 'open') AS open,
            (SELECT count(*)::int FROM participant_list_entries e JOIN participant_list_versions v ON v.id = e.list_version_id WHERE v.plan_id = p.id) AS listed
          FROM plans p JOIN blackout_rule_sets r ON r.id = p.blackout_rule_set_id WHERE p.name_en LIKE '2026%'`,
    );
    expect(p).toEqual({
      status: "publicity",
      verifying_body: "remuneration_committee",
      rule: "2024-05-24 rules",
      open: 1,
      listed: 60,
    });
  });

  it("leaves only the demo employees' 2022 first grants awaiting acceptance", async () => {
    const pending = await rows<{ email: string }>(
      h,
      sql`SELECT u.email FROM grants g JOIN users u ON u.person_id = g.person_id WHERE g.accepted_at IS NULL ORDER BY 1`,
    );
    expect(pending.map((r) => r.email)).toEqual(["employee2@demo.local", "employee@demo.local"]);
    const [all] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM grants WHERE accepted_at IS NULL`);
    expect(all!.n).toBe(2);
  });

  it("seeds only an empty database", async () => {
    expect(await seedDemoIfEmpty(h.db, AS_OF)).toBe(false);
    const [n] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM plans`);
    expect(n!.n).toBe(4);
  });

  it("signs in by email or employee number and refuses a wrong password without saying which part was wrong", async () => {
    const byEmail = await authenticate(h.db, "HR@demo.local", "vesting-demo", "10.0.0.1");
    expect(byEmail).toMatchObject({ ok: true, user: { email: "hr@demo.local", roles: ["hr"] } });
    const [emp] = await rows<{ employee_no: string }>(
      h,
      sql`SELECT p.employee_no FROM users u JOIN persons p ON p.id = u.person_id WHERE u.email = 'employee@demo.local'`,
    );
    expect(await authenticate(h.db, emp!.employee_no, "vesting-demo", "10.0.0.1")).toMatchObject({
      ok: true,
      user: { email: "employee@demo.local", roles: ["employee"] },
    });
    expect(await authenticate(h.db, "hr@demo.local", "wrong-password", "10.0.0.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(h.db, "nobody@demo.local", "vesting-demo", "10.0.0.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("lets 5 failures through per account, then asks for a wait that doubles, even for the right password", async () => {
    const retryAfter = async (password: string, now?: Date) => {
      const r = await authenticate(h.db, "auditor@demo.local", password, "10.0.0.2", now ? { now } : {});
      return r.ok || r.reason !== "throttled" ? r : r.retryAfterMs;
    };
    for (let i = 0; i < 5; i++)
      expect(await authenticate(h.db, "auditor@demo.local", `guess-${i}`, "10.0.0.2")).toEqual({
        ok: false,
        reason: "invalid",
      });
    // The sixth attempt waits 30 s from the fifth failure; it is not heard, so it does not count.
    const first = await retryAfter("vesting-demo");
    expect(first).toBeGreaterThan(25_000);
    expect(first).toBeLessThanOrEqual(30_000);
    expect(await retryAfter("guess-x")).toBeGreaterThan(25_000);
    // Once the wait is over a guess is heard again, and the wait after it is twice as long.
    expect(await retryAfter("guess-5", new Date(Date.now() + 31_000))).toEqual({ ok: false, reason: "invalid" });
    const second = await retryAfter("vesting-demo");
    expect(second).toBeGreaterThan(55_000);
    expect(second).toBeLessThanOrEqual(60_000);
    expect(await retryAfter("vesting-demo", new Date(Date.now() + 61_000))).toMatchObject({
      ok: true,
      user: { email: "auditor@demo.local" },
    });
    const events = await rows<{ action: string; n: number }>(
      h,
      sql`SELECT action, count(*)::int AS n FROM audit_log WHERE entity_id IN (SELECT id::text FROM users WHERE email = 'auditor@demo.local') OR entity_id = 'auditor@demo.local' GROUP BY 1 ORDER BY 1`,
    );
    expect(events).toEqual([
      { action: "auth.sign_in", n: 1 },
      { action: "auth.sign_in_failed", n: 6 },
      { action: "auth.sign_in_throttled", n: 3 },
    ]);
  });

  it("refuses a disabled user", async () => {
    await h.db.update(users).set({ disabled: true }).where(eq(users.email, "employee2@demo.local"));
    expect(await authenticate(h.db, "employee2@demo.local", "vesting-demo", "10.0.0.3")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
