import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db/client";
import { persons, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { correctDeparture, recordLeaver, withdrawDeparture } from "@/lib/features/persons/departures";
import { departureHistory } from "@/lib/features/persons/departureReads";
import { correctDepartureSchema, recordLeaverSchema, withdrawDepartureSchema } from "@/lib/features/persons/schemas";
import { errorResponse } from "@/lib/platform/http/apiResponse";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";

describe.each(BACKENDS)("departure corrections and withdrawals on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let personId: string;
  const previousToday = process.env.VD_TODAY;

  const personIdOf = async (employeeNo: string) =>
    (await h.db.select({ id: persons.id }).from(persons).where(eq(persons.employeeNo, employeeNo)))[0]!.id;
  /** The 2022 plan's tranche 3 of a person: status, lapsed quantity and reason. */
  const tranche3 = async (id: string) =>
    (
      await rows<{ status: string; lapsed: number; reason: string | null }>(
        h,
        sql`SELECT t.status::text, t.lapsed_quantity::int AS lapsed, t.lapse_reason AS reason
          FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN plans pl ON pl.id = g.plan_id
          WHERE g.person_id = ${id} AND pl.name_en LIKE '2022%' AND t.tranche_index = 3`,
      )
    )[0]!;
  const tranchesOf = (id: string) =>
    rows(
      h,
      sql`SELECT t.grant_id, t.tranche_index, t.status::text, t.vested_quantity::int, t.lapsed_quantity::int, t.lapse_reason
        FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.person_id = ${id} ORDER BY 1, 2`,
    );
  const records = (id: string) =>
    rows<{ id: string; kind: string; leave_date: string | null; reason: string | null; supersedes_id: string | null }>(
      h,
      sql`SELECT id::text, kind::text, leave_date::text, reason::text, supersedes_id::text FROM person_departures
        WHERE person_id = ${id} ORDER BY recorded_at, id`,
    );
  const audits = (id: string) =>
    rows<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
      h,
      sql`SELECT action, before, after FROM audit_log WHERE entity_type = 'person' AND entity_id = ${id} ORDER BY id`,
    );
  const personRow = async (id: string) =>
    (
      await h.db
        .select({ status: persons.employmentStatus, leaveDate: persons.leaveDate })
        .from(persons)
        .where(eq(persons.id, id))
    )[0]!;
  /** Everything a refused change must leave as it was. */
  const snapshot = async (id: string) => ({
    person: await personRow(id),
    records: await records(id),
    tranches: await tranchesOf(id),
    audit: (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n,
  });

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.2.2.3" };
    personId = await personIdOf("E00102");
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("requires a reason to record a departure, from the enumerated codes, and a note to correct or withdraw", () => {
    for (const body of [{ leaveDate: "2026-11-20" }, { leaveDate: "2026-11-20", reason: "burnout" }]) {
      const parsed = recordLeaverSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
      // What the route answers with the same refusal.
      expect(errorResponse(new ZodError(parsed.error!.issues)).status).toBe(400);
    }
    expect(recordLeaverSchema.parse({ leaveDate: "2026-11-20", reason: "retirement" })).toMatchObject({
      reason: "retirement",
    });
    expect(correctDepartureSchema.safeParse({ leaveDate: "2026-12-31" }).success).toBe(false);
    expect(withdrawDepartureSchema.safeParse({ note: "  " }).success).toBe(false);
  });

  it("refuses to correct or withdraw when no departure is in force, writing nothing", async () => {
    const before = await snapshot(personId);
    const c = await refusal(correctDeparture(h.db, actor, personId, { leaveDate: "2026-11-20", note: "typo" }));
    expect([c.status, c.code, c.details]).toEqual([
      422,
      "DEPARTURE_NOT_IN_FORCE",
      expect.objectContaining({ employeeNo: "E00102" }),
    ]);
    const w = await refusal(withdrawDeparture(h.db, actor, personId, { note: "did not leave" }));
    expect([w.status, w.code]).toEqual([422, "DEPARTURE_NOT_IN_FORCE"]);
    expect(await snapshot(personId)).toEqual(before);
  });

  it("records, then corrects to a later date: the lapsed tranche comes back, as a new record superseding the first", async () => {
    const recorded = await recordLeaver(h.db, actor, personId, { leaveDate: "2026-11-20", reason: "resignation" });
    expect(recorded.lapsed.map((l) => l.trancheIndex)).toEqual([3]);
    expect(await tranche3(personId)).toMatchObject({ status: "lapsed", reason: "left" });

    const later = await correctDeparture(h.db, actor, personId, {
      leaveDate: "2026-12-31",
      note: "last day was year end",
    });
    expect(later).toMatchObject({ kind: "corrected", leaveDate: "2026-12-31", reason: "resignation", lapsed: [] });
    expect(later.reasonText).toEqual({ en: "Resignation", zh: "主动辞职" });
    expect(later.restored).toEqual([
      { grantId: recorded.lapsed[0]!.grantId, trancheIndex: 3, quantity: recorded.lapsed[0]!.quantity },
    ]);
    // Leaving after today: the tranche is vestable again until then.
    expect(await tranche3(personId)).toEqual({ status: "vestable", lapsed: 0, reason: null });
    expect(await personRow(personId)).toEqual({ status: "left", leaveDate: "2026-12-31" });

    const [first, second] = await records(personId);
    expect(first).toMatchObject({
      id: recorded.departureId,
      kind: "recorded",
      leave_date: "2026-11-20",
      supersedes_id: null,
    });
    expect(second).toMatchObject({
      id: later.departureId,
      kind: "corrected",
      leave_date: "2026-12-31",
      supersedes_id: first!.id,
    });
    const trail = await audits(personId);
    expect(trail.map((a) => a.action)).toEqual(["person.leave", "person.departure_corrected"]);
    expect(trail[1]!.before).toMatchObject({ leaveDate: "2026-11-20", departureId: first!.id, reason: "resignation" });
    expect(trail[1]!.after).toMatchObject({
      leaveDate: "2026-12-31",
      departureId: second!.id,
      note: "last day was year end",
    });
  });

  it("corrects to an earlier date and another reason: the tranche lapses again", async () => {
    const earlier = await correctDeparture(h.db, actor, personId, {
      leaveDate: "2026-06-30",
      reason: "retirement",
      note: "retired at mid-year",
    });
    expect(earlier).toMatchObject({ leaveDate: "2026-06-30", reason: "retirement", restored: [] });
    expect(earlier.lapsed.map((l) => l.trancheIndex)).toEqual([3]);
    expect(await tranche3(personId)).toMatchObject({ status: "lapsed", reason: "left" });
    const chain = await records(personId);
    expect(chain.map((r) => [r.kind, r.leave_date, r.reason])).toEqual([
      ["recorded", "2026-11-20", "resignation"],
      ["corrected", "2026-12-31", "resignation"],
      ["corrected", "2026-06-30", "retirement"],
    ]);
    expect(chain[2]!.supersedes_id).toBe(chain[1]!.id);
    expect((await audits(personId)).map((a) => a.action).at(-1)).toBe("person.departure_corrected");
  });

  it("corrects the reason alone without touching the tranches", async () => {
    const before = await tranchesOf(personId);
    const result = await correctDeparture(h.db, actor, personId, { reason: "incapacity", note: "reason mis-keyed" });
    expect(result).toMatchObject({ leaveDate: "2026-06-30", reason: "incapacity", lapsed: [], restored: [] });
    expect(await tranchesOf(personId)).toEqual(before);
  });

  it("refuses a correction that changes nothing, one before the first grant and one across a vesting run, writing nothing", async () => {
    const before = await snapshot(personId);
    const same = await refusal(
      correctDeparture(h.db, actor, personId, { leaveDate: "2026-06-30", reason: "incapacity", note: "again" }),
    );
    expect([same.status, same.code]).toEqual([422, "DEPARTURE_UNCHANGED"]);
    expect((await refusal(correctDeparture(h.db, actor, personId, { note: "only a note" }))).code).toBe(
      "DEPARTURE_UNCHANGED",
    );
    const early = await refusal(correctDeparture(h.db, actor, personId, { leaveDate: "2020-01-31", note: "x" }));
    expect([early.status, early.code]).toEqual([422, "LEAVE_BEFORE_GRANT"]);
    // The 2022 plan's tranche 2 was registered on 2024-12-16: a leave date before it would void those shares.
    const across = await refusal(correctDeparture(h.db, actor, personId, { leaveDate: "2024-12-01", note: "x" }));
    expect([across.status, across.code]).toEqual([422, "LEAVE_DATE_CHANGES_VESTED"]);
    expect(across.details).toMatchObject({ tranche: 2, vestingDate: "2024-12-16", vestedAfter: 0 });
    expect(await snapshot(personId)).toEqual(before);
  });

  it("withdraws the departure: active again, the tranche vestable, a withdrawal record and its audit", async () => {
    const result = await withdrawDeparture(h.db, actor, personId, { note: "the resignation was taken back" });
    expect(result).toMatchObject({ kind: "withdrawn", leaveDate: null, reason: null, reasonText: null, lapsed: [] });
    expect(result.restored.map((r) => r.trancheIndex)).toEqual([3]);
    expect(await personRow(personId)).toEqual({ status: "active", leaveDate: null });
    expect(await tranche3(personId)).toEqual({ status: "vestable", lapsed: 0, reason: null });
    const chain = await records(personId);
    expect(chain.at(-1)).toMatchObject({ kind: "withdrawn", leave_date: null, supersedes_id: chain.at(-2)!.id });
    const last = (await audits(personId)).at(-1)!;
    expect(last.action).toBe("person.departure_withdrawn");
    expect(last.before).toMatchObject({ employmentStatus: "left", leaveDate: "2026-06-30" });
    expect(last.after).toMatchObject({ employmentStatus: "active", leaveDate: null });

    const history = (await departureHistory(h.db, personId))!;
    expect(history.inForce).toBeNull();
    expect(history.records.map((r) => r.kind)).toEqual([
      "recorded",
      "corrected",
      "corrected",
      "corrected",
      "withdrawn",
    ]);
    // Recording again after a withdrawal continues the same chain.
    const again = await recordLeaver(h.db, actor, personId, { leaveDate: "2026-11-20", reason: "transfer" });
    expect((await records(personId)).at(-1)).toMatchObject({ id: again.departureId, supersedes_id: chain.at(-1)!.id });
    expect((await departureHistory(h.db, personId))!.inForce).toMatchObject({
      id: again.departureId,
      reason: "transfer",
    });
  });

  it("refuses to withdraw or move the seeded leaver's date across the run that withheld their shares", async () => {
    // E00150 left on 2024-09-30, before the 2022 plan's tranche 2 run of 2024-12-16 that gave them nothing.
    const leaver = await personIdOf("E00150");
    const before = await snapshot(leaver);
    const w = await refusal(withdrawDeparture(h.db, actor, leaver, { note: "x" }));
    expect([w.code, w.details]).toEqual([
      "LEAVE_DATE_CHANGES_VESTED",
      expect.objectContaining({ tranche: 2, vestedBefore: 0, vestingDate: "2024-12-16" }),
    ]);
    expect((await refusal(correctDeparture(h.db, actor, leaver, { leaveDate: "2024-12-20", note: "x" }))).code).toBe(
      "LEAVE_DATE_CHANGES_VESTED",
    );
    expect(await snapshot(leaver)).toEqual(before);
    // A date still before the run changes no tranche.
    const ok = await correctDeparture(h.db, actor, leaver, { leaveDate: "2024-10-31", note: "end of notice period" });
    expect([ok.lapsed, ok.restored]).toEqual([[], []]);
  });
});
