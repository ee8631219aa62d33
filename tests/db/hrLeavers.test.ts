import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { persons, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { findPersons, holdingsOf, recordLeaver } from "@/lib/features/persons/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";

describe.each(BACKENDS)("HR leavers on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let personId: string;
  const previousToday = process.env.VD_TODAY;

  const tranchesOf = (id: string) =>
    rows<{ plan: string; idx: number; status: string; vested: string; lapsed: string; reason: string | null }>(
      h,
      sql`SELECT left(pl.name_en, 4) AS plan, t.tranche_index AS idx, t.status::text, t.vested_quantity::text AS vested, t.lapsed_quantity::text AS lapsed, t.lapse_reason AS reason
          FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN plans pl ON pl.id = g.plan_id WHERE g.person_id = ${id} ORDER BY 1, 2`,
    );

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.2.2.2" };
    const [p] = await h.db.select({ id: persons.id }).from(persons).where(eq(persons.employeeNo, "E00102"));
    personId = p!.id;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("finds a person by employee number or name and shows the unvested quantity", async () => {
    const [hit] = await findPersons(h.db, "e00102");
    expect(hit).toMatchObject({ id: personId, employeeNo: "E00102", employmentStatus: "active" });
    expect((await findPersons(h.db, hit!.name)).map((x) => x.id)).toContain(personId);
    const holdings = await holdingsOf(h.db, personId);
    const open = holdings.find((g) => g.planNameEn.startsWith("2022"))!;
    expect(open.unvested).toBeGreaterThan(0);
    expect(open.tranches.find((t) => t.index === 3)!.status).toBe("vestable");
  });

  it("refuses a leave date before the person's first grant, naming it, and changes nothing", async () => {
    const [first] = await rows<{ d: string }>(
      h,
      sql`SELECT min(b.grant_date)::text AS d FROM grants g JOIN grant_batches b ON b.id = g.batch_id WHERE g.person_id = ${personId}`,
    );
    const [audits] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`);
    const e = await refusal(recordLeaver(h.db, actor, personId, { leaveDate: "2020-01-31" }));
    expect([e.status, e.code]).toEqual([422, "LEAVE_BEFORE_GRANT"]);
    expect(e.details).toMatchObject({ leaveDate: "2020-01-31", grantDate: first!.d });
    expect(e.message).toContain(first!.d);
    const [p] = await h.db.select().from(persons).where(eq(persons.id, personId));
    expect([p!.employmentStatus, p!.leaveDate]).toEqual(["active", null]);
    expect((await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n).toBe(audits!.n);
  });

  it('lapses the unvested tranches with reason "left", keeps vested ones, and audits before/after', async () => {
    const before = await tranchesOf(personId);
    expect(before.filter((t) => t.plan === "2022").map((t) => t.status)).toEqual(["vested", "vested", "vestable"]);
    const result = await recordLeaver(h.db, actor, personId, { leaveDate: "2026-11-20" });
    expect(result.unchanged).toBe(false);
    expect(result.lapsed).toHaveLength(1);
    expect(result.lapsed[0]).toMatchObject({ trancheIndex: 3 });

    const after = await tranchesOf(personId);
    expect(after.filter((t) => t.plan === "2022")).toEqual([
      before[before.findIndex((t) => t.plan === "2022")]!,
      before[before.findIndex((t) => t.plan === "2022") + 1]!,
      expect.objectContaining({ idx: 3, status: "lapsed", reason: "left", vested: "0" }),
    ]);
    // The 2021 plan's tranches had all vested: leaving changes nothing there.
    expect(after.filter((t) => t.plan === "2021")).toEqual(before.filter((t) => t.plan === "2021"));
    const [person] = await h.db
      .select({ status: persons.employmentStatus, leaveDate: persons.leaveDate })
      .from(persons)
      .where(eq(persons.id, personId));
    expect(person).toEqual({ status: "left", leaveDate: "2026-11-20" });
    const audit = await rows<{ action: string; before: unknown; after: { leaveDate: string } }>(
      h,
      sql`SELECT action, before, after FROM audit_log WHERE entity_type = 'person' AND entity_id = ${personId}`,
    );
    expect(audit).toEqual([
      {
        action: "person.leave",
        before: { employmentStatus: "active", leaveDate: null },
        after: expect.objectContaining({ employmentStatus: "left", leaveDate: "2026-11-20" }),
      },
    ]);
    expect((await holdingsOf(h.db, personId)).find((g) => g.planNameEn.startsWith("2022"))!.unvested).toBe(0);
  });

  it("accepts the same date again without a change and refuses another date with 409, writing nothing", async () => {
    const [{ n: auditBefore }] = (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`)) as [
      { n: number },
    ];
    expect((await recordLeaver(h.db, actor, personId, { leaveDate: "2026-11-20" })).unchanged).toBe(true);
    const e = await refusal(recordLeaver(h.db, actor, personId, { leaveDate: "2026-10-01" }));
    expect([e.status, e.code]).toEqual([409, "ALREADY_LEFT"]);
    const [{ n: auditAfter }] = (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`)) as [
      { n: number },
    ];
    expect(auditAfter).toBe(auditBefore);
    expect(
      (await refusal(recordLeaver(h.db, actor, "00000000-0000-4000-8000-000000000000", { leaveDate: "2026-10-01" })))
        .status,
    ).toBe(404);
  });
});
