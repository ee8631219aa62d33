/**
 * HR's agenda on the demo data, pinned to 2026-11-21: each line is checked against the tables it comes
 * from (queried here on their own), and it changes when HR does the thing it asks for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { hrAgenda } from "@/lib/features/agenda/queries";
import { answerObjection, closePublicityPeriod } from "@/lib/features/publicity/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";
const HORIZON = "2026-12-21";

describe.each(BACKENDS)("HR agenda on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  const previousToday = process.env.VD_TODAY;

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.3.3.3" };
    // A grantee's objection to the open period (filed through the portal in real use).
    const [employee] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "employee@demo.local"));
    await h.db.execute(sql`INSERT INTO objections (publicity_period_id, filed_by_user_id, receipt_no, text)
      SELECT id, ${employee!.id}::uuid, 'OBJ-TEST-0001', '我的职务写错了。' FROM publicity_periods WHERE status = 'open'`);
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("lists the open publicity period, its objection and the verification due 5 days before the meeting", async () => {
    const [period] = await rows<{ id: string; plan_id: string; end_date: string }>(
      h,
      sql`SELECT id::text, plan_id::text, end_date::text FROM publicity_periods WHERE status = 'open'`,
    );
    const [plan] = await rows<{ gm: string }>(
      h,
      sql`SELECT general_meeting_date::text AS gm FROM plans WHERE id = ${period!.plan_id}::uuid`,
    );
    const [objections] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM objections WHERE publicity_period_id = ${period!.id}::uuid AND status = 'open'`,
    );
    const agenda = await hrAgenda(h.db, "zh-CN", AS_OF);
    expect(agenda).toMatchObject({ asOf: AS_OF, horizonDays: 30 });
    expect(agenda.items.find((i) => i.kind === "publicity_ends")).toMatchObject({
      date: period!.end_date,
      overdue: false,
      planId: period!.plan_id,
      href: `/hr/publicity/${period!.id}`,
      details: { daysLeft: 9 },
    });
    expect(objections!.n).toBeGreaterThan(0);
    expect(agenda.items.find((i) => i.kind === "objections_open")).toMatchObject({
      planId: period!.plan_id,
      details: { count: objections!.n },
    });
    // 2026-12-08 − 5 days.
    expect(plan!.gm).toBe("2026-12-08");
    expect(agenda.items.find((i) => i.kind === "verification_due")).toMatchObject({
      date: "2026-12-03",
      href: `/hr/publicity/verification/${period!.plan_id}`,
      details: { generalMeetingDate: "2026-12-08" },
    });
  });

  it("lists each tranche window closing within 30 days once per batch, category and tranche, with its shares", async () => {
    const expected = await rows<{
      plan_id: string;
      tranche_index: number;
      window_close: string;
      grants: number;
      shares: string;
    }>(
      h,
      sql`SELECT g.plan_id::text, tr.tranche_index, tr.window_close::text, count(*)::int AS grants, sum(tr.planned_quantity)::text AS shares
          FROM tranches tr JOIN grants g ON g.id = tr.grant_id
          WHERE tr.status IN ('pending', 'vestable') AND tr.window_close BETWEEN ${AS_OF}::date AND ${HORIZON}::date
          GROUP BY g.plan_id, g.batch_id, g.category_id, tr.tranche_index, tr.window_close ORDER BY 3, 4`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const agenda = await hrAgenda(h.db, "en", AS_OF);
    const closing = agenda.items
      .filter((i) => i.kind === "window_closes")
      .map((i) => ({
        plan_id: i.planId,
        tranche_index: i.details.tranche,
        window_close: i.date,
        grants: i.details.grants,
        shares: String(i.details.shares),
      }))
      .sort((a, b) =>
        a.window_close! < b.window_close!
          ? -1
          : a.window_close! > b.window_close!
            ? 1
            : Number(a.grants) - Number(b.grants),
      );
    expect(closing).toEqual(expected);
    for (const item of agenda.items.filter((i) => i.kind === "window_closes"))
      expect(item.href).toBe(`/hr/vesting/${item.planId}`);
  });

  it("asks for the vesting run of every tranche open today and not yet vested whose close is not already listed", async () => {
    const expected = await rows<{
      plan_id: string;
      tranche: number;
      grants: number;
      shares: string;
      close: string | null;
    }>(
      h,
      sql`SELECT g.plan_id::text, tr.tranche_index AS tranche, count(*)::int AS grants,
            sum(tr.planned_quantity)::text AS shares, min(tr.window_close)::text AS close
          FROM tranches tr JOIN grants g ON g.id = tr.grant_id
          WHERE tr.status = 'vestable' AND tr.window_open <= ${AS_OF}::date
          GROUP BY g.plan_id, g.batch_id, g.category_id, tr.tranche_index
          HAVING min(tr.window_close) IS NULL OR min(tr.window_close) > ${HORIZON}::date ORDER BY 1, 2, 3`,
    );
    // The plan dated from the seed day has its first grant's first tranche open (13 months after the grant).
    expect(expected.length).toBeGreaterThan(0);
    const agenda = await hrAgenda(h.db, "zh-CN", AS_OF);
    const toRun = agenda.items.filter((i) => i.kind === "vesting_to_run");
    expect(
      toRun
        .map((i) => ({
          plan_id: i.planId,
          tranche: i.details.tranche,
          grants: i.details.grants,
          shares: String(i.details.shares),
          close: i.date,
        }))
        .sort((a, b) =>
          a.plan_id! < b.plan_id!
            ? -1
            : a.plan_id! > b.plan_id!
              ? 1
              : Number(a.tranche) - Number(b.tranche) || Number(a.grants) - Number(b.grants),
        ),
    ).toEqual(expected);
    for (const item of toRun) {
      expect(item.href).toBe(`/hr/vesting/${item.planId}`);
      expect(item.overdue).toBe(false);
    }
  });

  it("counts grants not yet accepted by active grantees", async () => {
    const expected = await rows<{ plan_id: string; n: number }>(
      h,
      sql`SELECT g.plan_id::text, count(*)::int AS n FROM grants g JOIN persons p ON p.id = g.person_id
          WHERE g.accepted_at IS NULL AND p.employment_status = 'active' GROUP BY 1 ORDER BY 1`,
    );
    const agenda = await hrAgenda(h.db, "zh-CN", AS_OF);
    expect(
      agenda.items
        .filter((i) => i.kind === "grants_unaccepted")
        .map((i) => ({ plan_id: i.planId, n: i.details.count }))
        .sort((a, b) => (a.plan_id! < b.plan_id! ? -1 : 1)),
    ).toEqual(expected);
  });

  it("lists blackout windows starting within 30 days with their reason in the reader's language, in date order", async () => {
    const agenda = await hrAgenda(h.db, "en", AS_OF);
    const starts = agenda.items.filter((i) => i.kind === "blackout_starts");
    for (const s of starts) {
      expect(s.date! >= AS_OF && s.date! <= HORIZON, s.date!).toBe(true);
      expect(String(s.details.reason)).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const dated = agenda.items.filter((i) => !i.overdue && i.date !== null).map((i) => i.date!);
    expect(dated).toEqual([...dated].sort());
  });

  it("drops a line once HR has done it: the objection answered, then the period closed after its end", async () => {
    const [objection] = await rows<{ id: string }>(
      h,
      sql`SELECT id::text FROM objections WHERE status = 'open' LIMIT 1`,
    );
    await answerObjection(h.db, actor, objection!.id, { status: "answered", response: "已核实，名单无误。" });
    const [left] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM objections WHERE status = 'open'`);
    const afterAnswer = await hrAgenda(h.db, "zh-CN", AS_OF);
    const open = afterAnswer.items.filter((i) => i.kind === "objections_open");
    expect(open.reduce((s, i) => s + Number(i.details.count), 0)).toBe(left!.n);

    // On 2026-12-01 the period has ended: it is overdue to close, listed first; closing it removes the line.
    const [period] = await rows<{ id: string }>(h, sql`SELECT id::text FROM publicity_periods WHERE status = 'open'`);
    const later = await hrAgenda(h.db, "zh-CN", "2026-12-01");
    expect(later.items[0]).toMatchObject({ kind: "publicity_to_close", overdue: true, date: "2026-11-30" });
    process.env.VD_TODAY = "2026-12-01";
    try {
      await closePublicityPeriod(h.db, actor, period!.id, { summary: "公示期间收到异议一条，已答复。" });
    } finally {
      process.env.VD_TODAY = AS_OF;
    }
    const closed = await hrAgenda(h.db, "zh-CN", "2026-12-01");
    expect(closed.items.some((i) => i.kind === "publicity_to_close" || i.kind === "publicity_ends")).toBe(false);
  });
});
