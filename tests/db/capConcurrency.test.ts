/**
 * Caps under concurrency: 50 grant requests at once, and participant imports racing each other and
 * the grants, never commit past the 1 % person cap or the reserve. On PostgreSQL the requests run on
 * a separate pool of 30 connections, so they really overlap; PGlite (one connection) checks the same
 * outcomes serially. Refusals carry the rule codes; no serialization failure or deadlock escapes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { participantCategories, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { ApiError } from "@/lib/platform/errors/apiError";
import type { Actor } from "@/lib/auth/actor";
import { grantAwards, reserveStatus } from "@/lib/features/grants/commands";
import { applyParticipants, previewParticipants, rowsFromJson } from "@/lib/features/participants/participantImport";
import { createPlan, planInputSchema } from "@/lib/features/plans/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { verifiedReservedList } from "./support/reservedList";

const AS_OF = "2026-11-21";
const CAP = 4_610_000; // 1 % of 461,000,000
const N = 50;

/** Codes of the refusals, and anything that was not a refusal (must stay empty). */
function outcomes(results: PromiseSettledResult<unknown>[]) {
  const reasons = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  return {
    ok: results.filter((r) => r.status === "fulfilled").length,
    codes: reasons.filter((e): e is ApiError => e instanceof ApiError).map((e) => e.code),
    unexpected: reasons
      .filter((e) => !(e instanceof ApiError))
      .map((e) => `${(e as { code?: string }).code ?? ""} ${String(e)}`),
  };
}

describe.each(BACKENDS)("caps under concurrency on %s", (kind) => {
  let h: DatabaseHandle;
  let pool: DatabaseHandle | null = null;
  let target: DatabaseHandle["db"];
  let actor: Actor;
  let plan2026: string;
  let category2026: string;
  let planA: string;
  let planB: string;
  const previousToday = process.env.VD_TODAY;

  // What counts toward the 1 % cap (lib/domain/caps/capHoldings.ts): adjusted quantities net of voided tranches.
  const heldInGrants = async (employeeNo: string) =>
    Number(
      (
        await rows<{ q: string }>(
          h,
          sql`SELECT coalesce(sum(g.adjusted_quantity - coalesce((SELECT sum(t.lapsed_quantity) FROM tranches t WHERE t.grant_id = g.id), 0)), 0)::text AS q FROM grants g JOIN persons p ON p.id = g.person_id JOIN plans pl ON pl.id = g.plan_id WHERE p.employee_no = ${employeeNo} AND pl.name_en NOT LIKE '2021%'`,
        )
      )[0]!.q,
    );
  const newPlan = async (nameEn: string) => {
    const tranches = [
      { index: 1, startMonths: 12, endMonths: 24, ratio: "0.5" },
      { index: 2, startMonths: 24, endMonths: 36, ratio: "0.5" },
    ];
    return (
      await createPlan(
        h.db,
        actor,
        planInputSchema.parse({
          name: `${nameEn}计划`,
          nameEn,
          totalQuantity: 6_000_000,
          firstGrantQuantity: 5_000_000,
          reservedQuantity: 1_000_000,
          shareCapitalAtAnnouncement: 461_000_000,
          validityMonths: 60,
          blackoutRule: { preset: "2024-05-24 rules" },
          categories: [{ code: 1, name: "第一类", nameEn: "Category 1", tranches }],
        }),
      )
    ).id;
  };
  const person = async (employeeNo: string) =>
    (await rows<{ name: string }>(h, sql`SELECT name FROM persons WHERE employee_no = ${employeeNo}`))[0]!;
  const listRow = async (employeeNo: string, quantity: number) => ({
    employeeNo,
    name: (await person(employeeNo)).name,
    nationality: "",
    position: "",
    categoryId: 1,
    quantity,
  });

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.1.1.1" };
    const all = await h.db.select({ id: plans.id, nameEn: plans.nameEn }).from(plans);
    plan2026 = all.find((p) => p.nameEn.startsWith("2026"))!.id;
    category2026 = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(and(eq(participantCategories.planId, plan2026), eq(participantCategories.code, 1)))
    )[0]!.id;
    planA = await newPlan("Concurrency A");
    planB = await newPlan("Concurrency B");
    // A reserve of 10M (20 % of 50M) so that the person cap binds first in the first test.
    await h.db
      .update(plans)
      .set({
        status: "approved_by_general_meeting",
        totalQuantity: 50_000_000,
        firstGrantQuantity: 40_000_000,
        reservedQuantity: 10_000_000,
      })
      .where(eq(plans.id, plan2026));
    if (kind === "postgres") {
      const [{ name }] = (await rows<{ name: string }>(h, sql`SELECT current_database() AS name`)) as [
        { name: string },
      ];
      const url = new URL(process.env.VD_TEST_PG_URL!);
      url.pathname = `/${name}`;
      pool = openDatabase({ url: url.toString(), poolSize: 30 });
    }
    target = pool?.db ?? h.db;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await pool?.close();
    await h?.close();
  });

  const reserved = (employeeNo: string, quantity: number, grantDate = "2027-02-01") =>
    grantAwards(target, actor, plan2026, {
      batch: "reserved",
      grantDate,
      grantPrice: "20.00",
      items: [{ employeeNo, categoryId: category2026, quantity }],
    });

  it(`${N} concurrent grants to one person commit exactly up to the 1 % cap`, async () => {
    const existing = await heldInGrants("E00120");
    const each = 300_000;
    const allowed = Math.floor((CAP - existing) / each);
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(N);
    await verifiedReservedList(h.db, plan2026, "2027-02-01", [
      { employeeNo: "E00120", categoryId: category2026, quantity: each },
    ]);
    const r = outcomes(await Promise.allSettled(Array.from({ length: N }, () => reserved("E00120", each))));
    expect(r.unexpected).toEqual([]);
    expect(r.ok).toBe(allowed);
    expect(r.codes).toEqual(Array(N - allowed).fill("CAP_PERSON_EXCEEDED"));
    expect(await heldInGrants("E00120")).toBe(existing + allowed * each);
    const [{ batches }] = (await rows<{ batches: number }>(
      h,
      sql`SELECT count(*)::int AS batches FROM grant_batches WHERE plan_id = ${plan2026} AND batch = 'reserved'`,
    )) as [{ batches: number }];
    expect(batches).toBe(allowed);
  });

  it(`${N} concurrent grants to ${N} people commit exactly up to the reserve`, async () => {
    const before = await reserveStatus(h.db, plan2026, AS_OF);
    const each = 300_000;
    const allowed = Math.floor(before.remaining / each);
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(N);
    const people = Array.from({ length: N }, (_, i) => `E${String(30 + i).padStart(5, "0")}`);
    await verifiedReservedList(
      h.db,
      plan2026,
      "2027-02-01",
      people.map((employeeNo) => ({ employeeNo, categoryId: category2026, quantity: each })),
    );
    const r = outcomes(await Promise.allSettled(people.map((no) => reserved(no, each))));
    expect(r.unexpected).toEqual([]);
    expect(r.ok).toBe(allowed);
    expect(r.codes).toEqual(Array(N - allowed).fill("RESERVE_EXCEEDED"));
    const after = await reserveStatus(h.db, plan2026, AS_OF);
    expect(after.granted).toBe(before.granted + allowed * each);
    expect(after.granted).toBeLessThanOrEqual(after.reservedQuantity);
  });

  it("concurrent imports of the same list write one version; of different lists, numbered versions without duplicate entries", async () => {
    const same = rowsFromJson(await Promise.all(["E00200", "E00201", "E00202"].map((no) => listRow(no, 10_000))));
    const r1 = await Promise.allSettled(
      Array.from({ length: 20 }, () => applyParticipants(target, actor, planA, "first", same)),
    );
    expect(outcomes(r1)).toMatchObject({ ok: 20, unexpected: [] });
    const applied = r1.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof applyParticipants>>>).value);
    expect(applied.filter((a) => !a.unchanged)).toHaveLength(1);
    expect(new Set(applied.map((a) => a.versionId)).size).toBe(1);

    // 20 different lists: each becomes a version in turn; the last one written is what the plan now lists.
    const lists = await Promise.all(
      Array.from({ length: 20 }, async (_, i) =>
        rowsFromJson([await listRow("E00200", 1000 + i), await listRow("E00203", 2000 + i)]),
      ),
    );
    const r2 = await Promise.allSettled(lists.map((rows) => applyParticipants(target, actor, planA, "first", rows)));
    expect(outcomes(r2)).toMatchObject({ ok: 20, unexpected: [] });
    const versions = await rows<{ version: number; entries: number; people: number; total: string }>(
      h,
      sql`SELECT v.version, count(e.*)::int AS entries, count(DISTINCT e.person_id)::int AS people, coalesce(sum(e.quantity), 0)::text AS total
            FROM participant_list_versions v LEFT JOIN participant_list_entries e ON e.list_version_id = v.id
           WHERE v.plan_id = ${planA} AND v.batch = 'first' GROUP BY v.version ORDER BY v.version`,
    );
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(versions.slice(1).every((v) => v.entries === 2 && v.people === 2)).toBe(true);
    // The newest version holds exactly the rows of the request that wrote it, nothing mixed in.
    const writes = r2.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof applyParticipants>>>).value);
    const lastIndex = writes.findIndex((w) => w.version === 21);
    expect(lastIndex).toBeGreaterThanOrEqual(0);
    const entries = await rows<{ employee_no: string; quantity: number }>(
      h,
      sql`SELECT p.employee_no, e.quantity FROM participant_list_entries e JOIN participant_list_versions v ON v.id = e.list_version_id JOIN persons p ON p.id = e.person_id
           WHERE v.plan_id = ${planA} AND v.batch = 'first' AND v.version = 21 ORDER BY p.employee_no`,
    );
    expect(entries.map((e) => [e.employee_no, Number(e.quantity)])).toEqual(
      lists[lastIndex]!.map((row) => [row.employeeNo, Number(row.quantity)]),
    );
  });

  it("concurrent imports into two plans cannot together list one person past the 1 % cap", async () => {
    const no = "E00210";
    const probe = await previewParticipants(h.db, planB, "first", rowsFromJson([await listRow(no, CAP + 1)]));
    const existing = (
      probe.rows[0]!.errors.find((e) => e.code === "CAP_PERSON_EXCEEDED")!.details as { existing: number }
    ).existing;
    // Each list alone fits under the cap; any two together do not.
    const q = Math.floor((CAP - existing) / 2) + 1;
    const list = rowsFromJson([await listRow(no, q)]);
    const r = outcomes(
      await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => applyParticipants(target, actor, i % 2 ? planA : planB, "first", list)),
      ),
    );
    expect(r.unexpected).toEqual([]);
    expect(r.codes.every((c) => c === "INVALID_PARTICIPANT_LIST")).toBe(true);
    const listed = await rows<{ plan_id: string; quantity: number }>(
      h,
      sql`SELECT v.plan_id, e.quantity FROM participant_list_entries e JOIN participant_list_versions v ON v.id = e.list_version_id JOIN persons p ON p.id = e.person_id
           WHERE p.employee_no = ${no} AND v.plan_id IN (${planA}, ${planB})
             AND v.version = (SELECT max(x.version) FROM participant_list_versions x WHERE x.plan_id = v.plan_id AND x.batch = v.batch)`,
    );
    expect(listed).toHaveLength(1);
    expect(existing + listed.reduce((s, l) => s + Number(l.quantity), 0)).toBeLessThanOrEqual(CAP);
  });

  it("reserved-list imports racing reserved grants never list more than the reserve left when they commit", async () => {
    await h.db
      .update(plans)
      .set({ totalQuantity: 50_000_000, firstGrantQuantity: 38_000_000, reservedQuantity: 12_000_000 })
      .where(eq(plans.id, plan2026));
    const start = await reserveStatus(h.db, plan2026, AS_OF);
    const auditFrom = Number(
      (await rows<{ id: string }>(h, sql`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`))[0]!.id,
    );
    // Lists that fit the reserve left now, but no longer once any one of the 100k grants has committed.
    const each = 100_000;
    const listTotal = start.remaining - each + 1;
    const people = ["E00220", "E00222", "E00223", "E00224"];
    const quarter = Math.floor(listTotal / 4);
    // 25 slightly different lists (so every write is a new, audited version), each fitting only early on.
    const lists = await Promise.all(
      Array.from({ length: 25 }, async (_, k) =>
        rowsFromJson(
          await Promise.all(people.map((no, i) => listRow(no, i === 0 ? listTotal - 3 * quarter - k : quarter))),
        ),
      ),
    );
    const grantees = Array.from({ length: 25 }, (_, i) => `E${String(230 + i).padStart(5, "0")}`);
    // The grants follow a verified list; once a racing import writes a newer version it is stale (VERIFICATION_STALE).
    await verifiedReservedList(
      h.db,
      plan2026,
      "2027-02-01",
      grantees.map((employeeNo) => ({ employeeNo, categoryId: category2026, quantity: each })),
    );
    // Interleaved, so that some lists start before many grants have committed (PGlite runs them in this order).
    const results = await Promise.allSettled(
      grantees.flatMap((no, k) => [
        reserved(no, each),
        applyParticipants(target, actor, plan2026, "reserved", lists[k]!),
      ]),
    );
    const r = outcomes(results);
    expect(r.unexpected).toEqual([]);
    expect(
      r.codes.every((c) => ["RESERVE_EXCEEDED", "INVALID_PARTICIPANT_LIST", "VERIFICATION_STALE"].includes(c)),
    ).toBe(true);
    // Replay the commits in audit order (appends are serialised and held to commit): a list is only
    // written while its total fits in the reserve not yet granted. (Both writers also lock the plan
    // row, the grant through re-derivation; the shared advisory lock makes the order explicit.)
    const log = await rows<{
      action: string;
      after: { batch?: string; items?: { quantity: number }[]; total?: number };
    }>(
      h,
      sql`SELECT action, after FROM audit_log WHERE id > ${auditFrom} AND action IN ('grant.create', 'participants.apply') ORDER BY id`,
    );
    let granted = start.granted;
    let listsWritten = 0;
    for (const entry of log) {
      if (entry.action === "grant.create") granted += entry.after.items!.reduce((s, i) => s + i.quantity, 0);
      else if (entry.after.batch === "reserved") {
        listsWritten++;
        expect(entry.after.total!, `list written with ${granted} already granted`).toBeLessThanOrEqual(
          start.reservedQuantity - granted,
        );
      }
    }
    expect(granted).toBeLessThanOrEqual(start.reservedQuantity);
    expect(listsWritten, "some lists were written, so the replay checked something").toBeGreaterThan(0);
  });
});
