/**
 * The demo is alive on whatever day it is seeded: seeded on three days (the real clock's day of
 * writing, a day in the 2026 Spring Festival, and 2027-06-01), each time the demo grantee has a tranche
 * vesting within weeks whose earliest day a blackout window pushed (with its reason), a later tranche
 * pending, shares vested and shares lapsed; HR finds an open publicity period with an objection, a
 * verification due, a tranche to vest now and a recent leaver. 2027 is not in the holiday package yet,
 * so for 2027-06-01 the test first publishes that year as an admin would (the closures are this test's
 * assumption, not the exchange's notice).
 */
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { addDays } from "@/lib/domain/calendar/isoDate";
import { hrAgenda } from "@/lib/features/agenda/queries";
import { grantsOfPerson } from "@/lib/features/grants/readModel/grantReads";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const DAYS = ["2026-12-06", "2026-02-17", "2027-06-01"];
const ASSUMED_2027 = ["2027-01-01", "2027-05-03", "2027-05-04", "2027-05-05", "2027-06-09", "2027-10-01"];

describe.each(BACKENDS)("the demo seeded on different days, on %s", (kind) => {
  const previousToday = process.env.VD_TODAY;
  const handles: DatabaseHandle[] = [];
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    for (const h of handles) await h.close();
  });

  it.each(DAYS)("keeps its promises when seeded on %s", async (day) => {
    process.env.VD_TODAY = day;
    const h = await freshDatabase(kind);
    handles.push(h);
    if (day.startsWith("2027")) {
      await h.db.execute(sql`INSERT INTO calendar_published_years (year) VALUES (2027)`);
      for (const d of ASSUMED_2027)
        await h.db.execute(
          sql`INSERT INTO calendar_closures (date, reason) VALUES (${d}::date, 'assumed for this test')`,
        );
    }
    expect(await seedDemoIfEmpty(h.db, day)).toBe(true);

    // The grantee: a tranche opening within six weeks, its earliest day pushed by a blackout window with a reason.
    const [u] = await h.db.select().from(users).where(eq(users.email, "employee@demo.local"));
    const grants = await grantsOfPerson(h.db, u!.personId!);
    const tranches = grants.flatMap((g) => g.tranches);
    const soon = tranches.find(
      (t) =>
        t.windowOpen !== null &&
        t.windowOpen >= day &&
        t.windowOpen <= addDays(day, 42) &&
        t.earliestVestingDate !== null &&
        t.earliestVestingDate > t.windowOpen &&
        t.deferredBy.length > 0,
    );
    expect(soon, `a deferred tranche opening within weeks of ${day}`).toBeTruthy();
    expect(soon!.deferredBy.some((d) => d.kind === "major_event" && d.from <= soon!.windowOpen!)).toBe(true);
    expect(tranches.some((t) => t.status === "pending" && t.windowOpen !== soon!.windowOpen)).toBe(true);
    expect(tranches.some((t) => t.vestedQuantity > 0)).toBe(true);
    expect(tranches.some((t) => t.lapsedQuantity > 0)).toBe(true);

    // HR: an open publicity period with an objection, a verification due and a vesting to run, all on the agenda.
    const agenda = await hrAgenda(h.db, "zh-CN", day);
    const kinds = new Set(agenda.items.map((i) => i.kind));
    for (const k of ["publicity_ends", "objections_open", "verification_due", "vesting_to_run"] as const)
      expect(kinds, k).toContain(k);
    // A tranche to vest now, and a grantee who left ten days ago with the unvested shares lapsed.
    const [vestable] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM tranches WHERE status = 'vestable' AND window_open <= ${day}::date`,
    );
    expect(vestable!.n).toBeGreaterThan(0);
    const [leaver] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN persons p ON p.id = g.person_id
          WHERE p.leave_date = ${addDays(day, -10)}::date AND t.status = 'lapsed' AND t.lapse_reason = 'left'`,
    );
    expect(leaver!.n).toBeGreaterThan(0);
  });
});
