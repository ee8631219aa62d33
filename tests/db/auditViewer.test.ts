import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { appendAudit } from "@/lib/platform/auditTrail";
import { AUDIT_PAGE_SIZE, auditPage, verifyAuditTrail } from "@/lib/features/admin/auditViewer";
import { auditQuerySchema, type AuditQuery } from "@/lib/features/admin/schemas";
import { adminOperations } from "@/lib/features/openapi/operations/admin";
import { encodeCursor } from "@/lib/platform/pagination/keysetCursor";
import { seedAdminCompany, type AdminSeed } from "./support/adminSeed";
import { refusal } from "./support/refusal";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const BULK = 120;

describe.each(BACKENDS)("audit viewer on %s", (kind) => {
  let h: DatabaseHandle;
  let seed: AdminSeed;
  const ids: Record<string, number> = {};
  const idsOf = async (q: AuditQuery) => (await auditPage(h.db, auditQuerySchema.parse(q))).items.map((r) => r.id);

  /** Appends one audit row as if written at `at` (the trail stamps rows with the clock). */
  async function appendAt(at: string, entry: Parameters<typeof appendAudit>[1]): Promise<number> {
    vi.setSystemTime(new Date(at));
    await appendAudit(h.db, entry);
    return (await rows<{ id: number }>(h, sql`SELECT max(id)::int AS id FROM audit_log`))[0]!.id;
  }

  beforeAll(async () => {
    h = await freshDatabase(kind);
    seed = await seedAdminCompany(h.db);
    vi.useFakeTimers({ toFake: ["Date"] });
    // Shanghai is UTC+8: 16:00Z is midnight of the next Shanghai day.
    ids.lastOfFeb28 = await appendAt("2026-02-28T15:59:59.999Z", {
      actorUserId: seed.hr,
      action: "plan.create",
      entityType: "plan",
      entityId: "plan-1",
      after: { name: "2026 plan" },
    });
    ids.firstOfMar1 = await appendAt("2026-02-28T16:00:00.000Z", {
      actorUserId: seed.admin,
      action: "user.create",
      entityType: "user",
      entityId: seed.employee,
      after: { email: "employee@test.local" },
    });
    ids.lastOfMar1 = await appendAt("2026-03-01T15:59:59.999Z", {
      actorUserId: seed.hr,
      action: "person.leave",
      entityType: "person",
      entityId: seed.persons.P001,
      before: { employmentStatus: "active" },
      after: { employmentStatus: "left" },
    });
    ids.firstOfMar2 = await appendAt("2026-03-01T16:00:00.000Z", {
      actorUserId: seed.admin,
      action: "user.update",
      entityType: "user",
      entityId: seed.employee,
      before: { roles: ["employee"] },
      after: { roles: ["employee", "hr"] },
      ip: "10.5.5.5",
    });
    ids.signIn = await appendAt("2026-03-02T01:00:00.000Z", {
      actorUserId: seed.admin,
      action: "auth.sign_in",
      entityType: "user",
      entityId: seed.admin,
    });
    for (let i = 0; i < BULK; i++)
      await appendAt(`2026-03-05T0${i % 10}:00:00.000Z`, {
        actorUserId: null,
        action: "vesting.run_row",
        entityType: "bulk",
        entityId: `row-${i}`,
      });
    vi.useRealTimers();
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => h?.close());

  it("filters by actor id or email (any case), entity, and exact or prefix action", async () => {
    expect(await idsOf({ actor: seed.admin })).toEqual([ids.signIn, ids.firstOfMar2, ids.firstOfMar1]);
    expect(await idsOf({ actor: "HR@Test.LOCAL" })).toEqual([ids.lastOfMar1, ids.lastOfFeb28]);
    expect(await idsOf({ actor: "nobody@test.local" })).toEqual([]);
    expect(await idsOf({ entityType: "user", entityId: seed.employee })).toEqual([ids.firstOfMar2, ids.firstOfMar1]);
    expect(await idsOf({ entityType: "person" })).toEqual([ids.lastOfMar1]);
    expect(await idsOf({ action: "user.*" })).toEqual([ids.firstOfMar2, ids.firstOfMar1]);
    expect(await idsOf({ action: "user.create" })).toEqual([ids.firstOfMar1]);
    expect(await idsOf({ action: "user" })).toEqual([]);
    expect(await idsOf({ action: "user.*", actor: seed.admin, entityId: seed.employee, from: "2026-03-02" })).toEqual([
      ids.firstOfMar2,
    ]);

    const [row] = (await auditPage(h.db, { actor: seed.admin, action: "user.update" })).items;
    expect(row).toMatchObject({
      id: ids.firstOfMar2,
      at: "2026-03-01T16:00:00.000Z",
      actorUserId: seed.admin,
      actor: { email: "admin@test.local", displayName: "admin user" },
      entityType: "user",
      entityId: seed.employee,
      before: { roles: ["employee"] },
      after: { roles: ["employee", "hr"] },
      ip: "10.5.5.5",
    });
    expect((await auditPage(h.db, { entityType: "bulk" })).items[0]!.actor).toBeNull();
  });

  it("reads from/to as whole Shanghai days, both ends included", async () => {
    expect(await idsOf({ from: "2026-03-01", to: "2026-03-01" })).toEqual([ids.lastOfMar1, ids.firstOfMar1]);
    expect(await idsOf({ to: "2026-02-28" })).toEqual([ids.lastOfFeb28]);
    expect(await idsOf({ from: "2026-03-02", to: "2026-03-04" })).toEqual([ids.signIn, ids.firstOfMar2]);
    expect(await idsOf({ from: "2026-03-06" })).toEqual([]);
    expect((await refusal(auditPage(h.db, { from: "2026-03-02", to: "2026-03-01" }))).status).toBe(400);
    expect(auditQuerySchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ before: "12; drop" }).success).toBe(false);
  });

  it("pages 50 rows at a time by id, newest first, and a page stays the same when rows are appended", async () => {
    const first = await auditPage(h.db, { entityType: "bulk" });
    expect(first.items).toHaveLength(AUDIT_PAGE_SIZE);
    const second = await auditPage(h.db, { entityType: "bulk", before: String(first.nextBefore) });
    const third = await auditPage(h.db, { entityType: "bulk", before: String(second.nextBefore) });
    expect([second.items.length, third.items.length, third.nextBefore]).toEqual([
      AUDIT_PAGE_SIZE,
      BULK - 2 * AUDIT_PAGE_SIZE,
      null,
    ]);
    const all = [...first.items, ...second.items, ...third.items].map((r) => r.id);
    const expected = (
      await rows<{ id: number }>(h, sql`SELECT id::int FROM audit_log WHERE entity_type = 'bulk' ORDER BY id DESC`)
    ).map((r) => r.id);
    expect(all).toEqual(expected);
    expect(first.nextBefore).toBe(first.items.at(-1)!.id);

    for (let i = 0; i < 7; i++)
      await appendAudit(h.db, {
        actorUserId: null,
        action: "vesting.run_row",
        entityType: "bulk",
        entityId: `late-${i}`,
      });
    const secondAgain = await auditPage(h.db, { entityType: "bulk", before: String(first.nextBefore) });
    expect(secondAgain).toEqual(second);
    const newFirst = await auditPage(h.db, { entityType: "bulk" });
    expect(newFirst.items.slice(7).map((r) => r.id)).toEqual(
      first.items.slice(0, AUDIT_PAGE_SIZE - 7).map((r) => r.id),
    );
  });

  it("pages by the opaque cursor as by before=, at any limit, each row once; a forged cursor is 400", async () => {
    const answer = adminOperations.listAuditLog.responses[200].schema;
    const first = await auditPage(h.db, { entityType: "bulk" });
    answer.parse(first);
    expect(first.nextCursor).toEqual(expect.any(String));
    const byCursor = await auditPage(h.db, auditQuerySchema.parse({ entityType: "bulk", cursor: first.nextCursor }));
    const byBefore = await auditPage(
      h.db,
      auditQuerySchema.parse({ entityType: "bulk", before: String(first.nextBefore) }),
    );
    expect(byCursor).toEqual(byBefore);
    expect(byCursor.items[0]!.id).toBeLessThan(first.items.at(-1)!.id);

    const expected = (
      await rows<{ id: number }>(h, sql`SELECT id::int FROM audit_log WHERE entity_type = 'bulk' ORDER BY id DESC`)
    ).map((r) => r.id);
    const seen: number[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await auditPage(h.db, auditQuerySchema.parse({ entityType: "bulk", limit: "7", cursor }));
      answer.parse(page);
      expect(page.nextBefore).toBe(page.nextCursor ? page.items.at(-1)!.id : null);
      seen.push(...page.items.map((r) => r.id));
      sizes.push(page.items.length);
      cursor = page.nextCursor ?? undefined;
      if (sizes.length > expected.length) throw new Error("The cursor does not move on: a page comes back again.");
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(sizes).toHaveLength(Math.ceil(expected.length / 7));
    // The filters still hold across pages: only the admin's rows, newest first.
    const mine = await auditPage(h.db, auditQuerySchema.parse({ actor: seed.admin, limit: "2" }));
    const rest = await auditPage(h.db, auditQuerySchema.parse({ actor: seed.admin, cursor: mine.nextCursor }));
    expect([...mine.items, ...rest.items].map((r) => r.id)).toEqual([ids.signIn, ids.firstOfMar2, ids.firstOfMar1]);
    expect(rest.nextCursor).toBeNull();

    for (const forged of [encodeCursor(["12"]), encodeCursor([1.5]), encodeCursor([0]), encodeCursor([-4]), "x%y"]) {
      const e = await refusal(auditPage(h.db, { cursor: forged }));
      expect([e.status, e.code]).toEqual([400, "BAD_REQUEST"]);
    }
    const both = await refusal(auditPage(h.db, { cursor: first.nextCursor!, before: String(first.nextBefore) }));
    expect([both.status, both.code]).toEqual([400, "BAD_REQUEST"]);
    expect(auditQuerySchema.safeParse({ limit: "201" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
  });

  it("verifies the chain, and names the first tampered row with its content", async () => {
    const total = (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    expect(await verifyAuditTrail(h.db)).toEqual({ ok: true, rows: total, brokenAt: null });

    await h.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`);
    await h.db.execute(
      sql`UPDATE audit_log SET after = ${JSON.stringify({ employmentStatus: "active" })}::jsonb WHERE id = ${ids.lastOfMar1}`,
    );
    await h.db.execute(sql`UPDATE audit_log SET entity_id = 'row-x' WHERE id = (SELECT max(id) FROM audit_log)`);
    await h.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER ALL`);

    const position = (
      await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log WHERE id <= ${ids.lastOfMar1}`)
    )[0]!.n;
    const check = await verifyAuditTrail(h.db);
    expect(check).toMatchObject({
      ok: false,
      rows: position,
      brokenAt: {
        id: ids.lastOfMar1,
        action: "person.leave",
        actorUserId: seed.hr,
        after: { employmentStatus: "active" },
      },
    });
    // The trigger is back: the trail refuses further changes.
    await expect(h.db.execute(sql`UPDATE audit_log SET ip = 'x' WHERE id = ${ids.signIn}`)).rejects.toThrow();
  });
});
