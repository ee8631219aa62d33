import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { persons, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { findPersons, holdingsOf } from "@/lib/features/persons/leaverHoldings";
import { recordLeaver } from "@/lib/features/persons/departures";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";
import { errorText } from "@/lib/platform/errors/errorCodes";

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
    const e = await refusal(recordLeaver(h.db, actor, personId, { leaveDate: "2020-01-31", reason: "resignation" }));
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
    const result = await recordLeaver(h.db, actor, personId, { leaveDate: "2026-11-20", reason: "retirement" });
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
        before: { employmentStatus: "active", leaveDate: null, departureId: null, reason: null },
        after: expect.objectContaining({
          employmentStatus: "left",
          leaveDate: "2026-11-20",
          reason: "retirement",
          kind: "recorded",
          departureId: result.departureId,
        }),
      },
    ]);
    const [record] = await rows<{ kind: string; leave_date: string; reason: string; recorded_by: string }>(
      h,
      sql`SELECT kind::text, leave_date::text, reason::text, recorded_by::text FROM person_departures WHERE person_id = ${personId}`,
    );
    expect(record).toEqual({
      kind: "recorded",
      leave_date: "2026-11-20",
      reason: "retirement",
      recorded_by: actor.userId,
    });
    const open2022 = (await holdingsOf(h.db, personId)).find((g) => g.planNameEn.startsWith("2022"))!;
    expect(open2022.unvested).toBe(0);
    // The lapse stays "left" (the engine's outcome); the holdings carry the departure reason beside it.
    expect(open2022.tranches.find((t) => t.index === 3)).toMatchObject({
      lapseReason: "left",
      departureReason: "retirement",
    });
    expect(open2022.tranches.find((t) => t.index === 1)).toMatchObject({ departureReason: null });
  });

  it("accepts the same date and reason again without a change; another date or reason is a 409 pointing to the correction, writing nothing", async () => {
    const count = async () =>
      (
        await rows<{ audits: number; records: number }>(
          h,
          sql`SELECT (SELECT count(*)::int FROM audit_log) AS audits, (SELECT count(*)::int FROM person_departures) AS records`,
        )
      )[0]!;
    const before = await count();
    const again = await recordLeaver(h.db, actor, personId, { leaveDate: "2026-11-20", reason: "retirement" });
    expect(again).toMatchObject({ unchanged: true, leaveDate: "2026-11-20", reason: "retirement", lapsed: [] });
    for (const body of [
      { leaveDate: "2026-10-01", reason: "retirement" as const },
      { leaveDate: "2026-11-20", reason: "resignation" as const },
    ]) {
      const e = await refusal(recordLeaver(h.db, actor, personId, body));
      expect([e.status, e.code]).toEqual([409, "ALREADY_LEFT"]);
      expect(e.message).toContain(`/api/v1/persons/${personId}/departures/corrections`);
      expect(e.details).toMatchObject({
        leaveDate: "2026-11-20",
        reason: "retirement",
        correction: `/api/v1/persons/${personId}/departures/corrections`,
      });
      expect(errorText("ALREADY_LEFT", "en", undefined, e.details as Record<string, unknown>)).toContain("correct it");
    }
    expect(await count()).toEqual(before);
    expect(
      (
        await refusal(
          recordLeaver(h.db, actor, "00000000-0000-4000-8000-000000000000", {
            leaveDate: "2026-10-01",
            reason: "other",
          }),
        )
      ).status,
    ).toBe(404);
  });
});
