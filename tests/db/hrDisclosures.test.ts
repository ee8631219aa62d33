import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { ApiError } from "@/lib/platform/errors/apiError";
import type { Actor } from "@/lib/auth/actor";
import {
  createDisclosure,
  deleteDisclosure,
  listDisclosures,
  updateDisclosure,
} from "@/lib/features/disclosures/commands";
import { addClosures, listClosures } from "@/lib/features/calendar/commands";
import { loadBlackoutsForPlans } from "@/lib/features/derivation/planInputs";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/** Rejects with an ApiError of this status and code. */
async function refused(p: Promise<unknown>, status: number, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  expect({ status: (e as ApiError).status, code: (e as ApiError).code }).toEqual({ status, code });
  return e as ApiError;
}

describe.each(BACKENDS)("disclosure calendar and extra closures on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let employeeGrant: string;
  let reservedGrant: string;

  const tranche3 = async (grantId: string) =>
    (
      await rows<{ earliest: string | null; window_close: string | null; reason: string | null }>(
        h,
        sql`SELECT earliest_vesting_date::text AS earliest, window_close::text, earliest_reason AS reason FROM tranches WHERE grant_id = ${grantId} AND tranche_index = 3`,
      )
    )[0]!;
  const counts = async () =>
    (
      await rows<{ events: number; audits: number; notices: number; mails: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM disclosure_events) AS events, (SELECT count(*)::int FROM audit_log) AS audits, (SELECT count(*)::int FROM notifications) AS notices, (SELECT count(*)::int FROM email_outbox) AS mails`,
      )
    )[0]!;

  beforeAll(async () => {
    vi.stubEnv("VD_TODAY", AS_OF);
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: "10.0.0.9" };
    const [g] = await rows<{ id: string }>(
      h,
      sql`SELECT g.id FROM grants g JOIN users u ON u.person_id = g.person_id JOIN plans p ON p.id = g.plan_id WHERE u.email = 'employee@demo.local' AND p.name_en LIKE '2022%'`,
    );
    employeeGrant = g!.id;
    const [r] = await rows<{ id: string }>(
      h,
      sql`SELECT g.id FROM grants g JOIN grant_batches b ON b.id = g.batch_id JOIN plans p ON p.id = g.plan_id JOIN tranches t ON t.grant_id = g.id AND t.tranche_index = 3 WHERE p.name_en LIKE '2022%' AND b.batch = 'reserved' AND t.status <> 'lapsed' LIMIT 1`,
    );
    reservedGrant = r!.id;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await h?.close();
  });

  it("a company-wide major event moves the earliest date, notifies the grantees, and deleting it moves the date back", async () => {
    expect((await tranche3(employeeGrant)).earliest).toBe("2026-11-30");
    const before = await counts();
    const change = await createDisclosure(h.db, actor, {
      kind: "major_event",
      title: "筹划重大合同",
      titleEn: "negotiating a major contract",
      startDate: "2026-11-30",
      endDate: "2026-12-02",
      planId: null,
    });
    // Every plan of the issuer: 2021, 2022, the plan in publicity and the current plan.
    expect(change.affectedPlans).toHaveLength(4);
    expect(change.changedTranches).toContainEqual({
      grantId: employeeGrant,
      trancheIndex: 3,
      before: "2026-11-30",
      after: "2026-12-03",
    });
    expect((await tranche3(employeeGrant)).earliest).toBe("2026-12-03");

    const notices = await rows<{
      email: string;
      payload: { grantId: string; trancheIndex: number; before: string; after: string };
      dedupe_key: string;
    }>(
      h,
      sql`SELECT u.email, n.payload, n.dedupe_key FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'earliest_date_changed' ORDER BY u.email`,
    );
    expect(notices.map((n) => n.email)).toContain("employee@demo.local");
    expect(notices.find((n) => n.email === "employee@demo.local")!.payload).toEqual({
      grantId: employeeGrant,
      trancheIndex: 3,
      before: "2026-11-30",
      after: "2026-12-03",
    });
    expect(notices.every((n) => n.dedupe_key.includes(change.event.id) && n.dedupe_key.includes("2026-12-03"))).toBe(
      true,
    );
    const after = await counts();
    expect(after.notices - before.notices).toBe(notices.length);
    expect(after.mails - before.mails).toBe(notices.length);
    const [audit] = await rows<{ action: string; after: { startDate: string } }>(
      h,
      sql`SELECT action, after FROM audit_log WHERE entity_id = ${change.event.id}`,
    );
    expect(audit).toMatchObject({ action: "disclosure.create", after: { startDate: "2026-11-30" } });

    const removed = await deleteDisclosure(h.db, actor, change.event.id);
    expect(removed.changedTranches).toContainEqual({
      grantId: employeeGrant,
      trancheIndex: 3,
      before: "2026-12-03",
      after: "2026-11-30",
    });
    expect((await tranche3(employeeGrant)).earliest).toBe("2026-11-30");
    const back = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'earliest_date_changed' AND u.email = 'employee@demo.local' AND n.payload->>'after' = '2026-11-30'`,
    );
    expect(back[0]!.n).toBe(1);
    const audits = await rows<{ action: string }>(
      h,
      sql`SELECT action FROM audit_log WHERE entity_id = ${change.event.id} ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual(["disclosure.create", "disclosure.delete"]);
    await refused(deleteDisclosure(h.db, actor, change.event.id), 404, "NOT_FOUND");
  });

  it("refuses an invalid event with INVALID_EVENT and writes nothing", async () => {
    const before = await counts();
    const e = await refused(
      createDisclosure(h.db, actor, {
        kind: "major_event",
        title: "倒序",
        startDate: "2026-12-05",
        endDate: "2026-12-01",
      }),
      422,
      "INVALID_EVENT",
    );
    expect(e.message).toContain("after endDate");
    await refused(
      createDisclosure(h.db, actor, { kind: "exchange_window", title: "缺结束日", startDate: "2026-12-05" }),
      422,
      "INVALID_EVENT",
    );
    await refused(
      createDisclosure(h.db, actor, { kind: "annual_report", title: "无日期", fiscalYear: 2026 }),
      422,
      "INVALID_EVENT",
    );
    expect(await counts()).toEqual(before);
  });

  it("a postponed report keeps its window start at the scheduled date and runs to the day before publication", async () => {
    const created = await createDisclosure(h.db, actor, {
      kind: "annual_report",
      title: "2026年年度报告",
      fiscalYear: 2026,
      scheduledDate: "2027-04-15",
    });
    let listed = (await listDisclosures(h.db, { from: "2027-01-01" })).events.find((e) => e.id === created.event.id)!;
    expect(listed.postponed).toBe(false);
    expect(listed.windows.map((w) => [w.from, w.to])[0]).toEqual(["2027-03-16", "2027-04-14"]);
    // One window per plan (each plan's own rule set decides its length).
    expect(listed.windows).toHaveLength(4);

    const before = await counts();
    const invalid = updateDisclosure(h.db, actor, created.event.id, { scheduledDate: null });
    await refused(invalid, 422, "INVALID_EVENT");
    expect(await counts()).toEqual(before);

    await updateDisclosure(h.db, actor, created.event.id, { actualDate: "2027-04-28" });
    listed = (await listDisclosures(h.db, { from: "2027-01-01", to: "2027-12-31" })).events.find(
      (e) => e.id === created.event.id,
    )!;
    expect(listed).toMatchObject({ postponed: true, scheduledDate: "2027-04-15", actualDate: "2027-04-28" });
    expect(listed.windows.map((w) => [w.from, w.to])[0]).toEqual(["2027-03-16", "2027-04-27"]);
    const [audit] = await rows<{ before: { actualDate: string | null }; after: { actualDate: string } }>(
      h,
      sql`SELECT before, after FROM audit_log WHERE entity_id = ${created.event.id} AND action = 'disclosure.update'`,
    );
    expect(audit).toMatchObject({ before: { actualDate: null }, after: { actualDate: "2027-04-28" } });
    // Outside the requested range it is not listed.
    expect((await listDisclosures(h.db, { to: "2026-12-31" })).events.some((e) => e.id === created.event.id)).toBe(
      false,
    );
  });

  it("refuses closures for bundled years, weekends, other years, duplicates and gaps, writing nothing", async () => {
    const before = await counts();
    await refused(
      addClosures(h.db, actor, { year: 2026, closures: [{ date: "2026-12-31", reason: "x" }], published: true }),
      422,
      "YEAR_ALREADY_PUBLISHED",
    );
    await refused(
      addClosures(h.db, actor, { year: 2027, closures: [{ date: "2027-01-02", reason: "Saturday" }], published: true }),
      422,
      "INVALID_CLOSURE",
    );
    await refused(
      addClosures(h.db, actor, {
        year: 2027,
        closures: [{ date: "2028-01-03", reason: "wrong year" }],
        published: false,
      }),
      422,
      "INVALID_CLOSURE",
    );
    await refused(
      addClosures(h.db, actor, {
        year: 2027,
        closures: [
          { date: "2027-01-01", reason: "a" },
          { date: "2027-01-01", reason: "b" },
        ],
        published: false,
      }),
      409,
      "DUPLICATE_CLOSURE",
    );
    await refused(addClosures(h.db, actor, { year: 2028, closures: [], published: true }), 422, "YEAR_GAP");
    expect(await counts()).toEqual(before);
    expect(await listClosures(h.db)).toEqual({ bundledLastYear: 2026, publishedYears: [], closures: [] });
  });

  it("publishing 2027 closures gives the reserved grant's pending tranche 3 its close date", async () => {
    const pending = await tranche3(reservedGrant);
    expect(pending.window_close).toBeNull();
    const result = await addClosures(h.db, actor, {
      year: 2027,
      closures: [
        { date: "2027-01-01", reason: "New Year's Day" },
        { date: "2027-02-08", reason: "Spring Festival" },
        { date: "2027-09-17", reason: "Test closure" },
      ],
      published: true,
    });
    expect(result).toMatchObject({ year: 2027, added: 3, published: true });
    const now = await tranche3(reservedGrant);
    // 2027-09-19 is a Sunday and 2027-09-17 is closed: the last trading day of the period is Thursday 2027-09-16.
    expect(now.window_close).toBe("2027-09-16");
    expect(await listClosures(h.db)).toMatchObject({
      publishedYears: [2027],
      closures: [{ date: "2027-01-01" }, { date: "2027-02-08" }, { date: "2027-09-17" }],
    });
    const [audit] = await rows<{ action: string }>(
      h,
      sql`SELECT action FROM audit_log WHERE entity_type = 'calendar_year' AND entity_id = '2027'`,
    );
    expect(audit!.action).toBe("calendar.closures_add");
    await refused(
      addClosures(h.db, actor, { year: 2027, closures: [{ date: "2027-09-17", reason: "again" }], published: true }),
      409,
      "DUPLICATE_CLOSURE",
    );
  });

  it("a year declared complete takes new closures only as an explicit, audited re-publication", async () => {
    const audits = async () =>
      rows<{ action: string; reason: string | null }>(
        h,
        sql`SELECT action, after->>'reason' AS reason FROM audit_log WHERE entity_type = 'calendar_year' AND entity_id = '2027' ORDER BY id`,
      );
    const before = await audits();
    const closure = { date: "2027-10-08", reason: "Exchange notice" };
    await refused(
      addClosures(h.db, actor, { year: 2027, closures: [closure], published: true }),
      409,
      "YEAR_REPUBLISH_REQUIRED",
    );
    expect((await listClosures(h.db)).closures.map((c) => c.date)).not.toContain("2027-10-08");
    expect(await audits()).toEqual(before);
    const result = await addClosures(h.db, actor, {
      year: 2027,
      closures: [closure],
      published: true,
      republishReason: "SSE added a closure on 2027-10-08",
    });
    expect(result).toMatchObject({ year: 2027, added: 1, published: true, republished: true });
    expect((await audits()).slice(before.length)).toEqual([
      { action: "calendar.republish", reason: "SSE added a closure on 2027-10-08" },
    ]);
  });

  it("kept blackout windows follow an in-place edit of an event, inside and after the writing transaction, and a rolled-back edit changes nothing", async () => {
    const [plan] = await rows<{ id: string }>(h, sql`SELECT id FROM plans WHERE name_en LIKE '2022%'`);
    const planId = plan!.id;
    const created = await createDisclosure(h.db, actor, {
      kind: "major_event",
      title: "筹划收购",
      titleEn: "planning an acquisition",
      startDate: "2027-03-01",
      endDate: "2027-03-05",
      planId: null,
    });
    const eventId = created.event.id;
    const windowOf = async (db: Parameters<typeof loadBlackoutsForPlans>[0]) =>
      (await loadBlackoutsForPlans(db, [planId])).get(planId)!.find((w) => w.id === eventId);
    expect(await windowOf(h.db)).toMatchObject({ from: "2027-03-01", to: "2027-03-05" });

    // Same id, same count of events, only a date changed: the windows must not be answered from memory.
    await h.db.execute(sql`UPDATE disclosure_events SET end_date = '2027-03-09' WHERE id = ${eventId}`);
    expect(await windowOf(h.db)).toMatchObject({ from: "2027-03-01", to: "2027-03-09" });

    const rollback = new Error("rollback");
    await expect(
      h.db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE disclosure_events SET end_date = '2027-03-12' WHERE id = ${eventId}`);
        expect(await windowOf(tx)).toMatchObject({ to: "2027-03-12" });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await windowOf(h.db)).toMatchObject({ from: "2027-03-01", to: "2027-03-09" });

    await deleteDisclosure(h.db, actor, eventId);
    expect(await windowOf(h.db)).toBeUndefined();
  });
});
