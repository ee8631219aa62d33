import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { granteeHomeRead } from "@/lib/features/me/readModel/granteeHome";
import { grantsOfPerson } from "@/lib/features/grants/readModel/grantReads";
import { HOME_NOTICE_COUNT, noticesOf, refreshNotices } from "@/lib/features/notices/notices";
import { blackoutsFromKeys, loadBlackoutsForPlans } from "@/lib/features/derivation/planInputs";
import { blackoutKeysQuery } from "@/lib/features/derivation/blackoutKeys";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/**
 * The home page reads grants, notices and blackout keys in one statement (a read joined to the session check);
 * each part must answer exactly what the single-purpose read answers.
 */
describe.each(BACKENDS)("the grantee home page's one statement on %s", (kind) => {
  let h: DatabaseHandle;
  let user: { id: string; person_id: string };

  const home = async (uid: string) => {
    const [row] = await granteeHomeRead.byUser(h.db).execute({ uid });
    return row!.value!;
  };

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    await refreshNotices(h.db, AS_OF);
    [user] = (await rows<{ id: string; person_id: string }>(
      h,
      sql`SELECT id, person_id FROM users WHERE email = 'employee@demo.local'`,
    )) as [{ id: string; person_id: string }];
  });
  afterAll(async () => h?.close());

  it("carries the person's grants exactly as the grant read builds them", async () => {
    const value = await home(user.id);
    const expected = await grantsOfPerson(h.db, user.person_id);
    expect(expected.length).toBeGreaterThan(1);
    expect(value.grants).toEqual(expected);
  });

  it("carries the notices unread first, newest first, at most HOME_NOTICE_COUNT, with ISO timestamps", async () => {
    // More notices than the page lists, some read, so that order and the cut are both exercised.
    await h.db.execute(sql`INSERT INTO notifications (user_id, kind, payload, created_at, read_at)
      SELECT ${user.id}, 'vesting_recorded', jsonb_build_object('n', i), timestamptz '2026-11-01 08:00:00+00' + i * interval '1 hour',
        CASE WHEN i % 3 <> 0 THEN timestamptz '2026-11-20 00:00:00+00' END
      FROM generate_series(1, 30) AS i`);
    const value = await home(user.id);
    const expected = (await noticesOf(h.db, user.id, HOME_NOTICE_COUNT)).map((n) => ({
      ...n,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    }));
    expect(value.notices).toHaveLength(HOME_NOTICE_COUNT);
    expect(value.notices).toEqual(expected);
    // Thirteen unread (ten of the thirty, the two the day created and the seeded payment notice), then the
    // newest read ones.
    expect(value.notices.map((n) => (n.readAt === null ? "unread" : "read"))).toEqual([
      ...Array(13).fill("unread"),
      ...Array(7).fill("read"),
    ]);
  });

  it("carries the blackout keys of the person's plans, which give the same windows as reading them directly", async () => {
    const value = await home(user.id);
    const planIds = [...new Set(value.grants!.map((g) => g.planId))].sort();
    expect(value.blackoutKeys.map((k) => k.id).sort()).toEqual(planIds);
    const fromKeys = await blackoutsFromKeys(h.db, value.blackoutKeys);
    const direct = await loadBlackoutsForPlans(h.db, planIds);
    for (const id of planIds) expect(fromKeys.get(id)).toEqual(direct.get(id));
  });

  it("moves a plan's blackout key with its own events and every plan's with company-wide ones", async () => {
    const planIds = (await rows<{ id: string }>(h, sql`SELECT id FROM plans ORDER BY id`)).map((p) => p.id);
    expect(planIds.length).toBeGreaterThan(1);
    const keys = async () =>
      new Map((await blackoutKeysQuery(h.db).execute({ planIds }))[0]!.keys.map((k) => [k.id, k.eventsKey]));
    const before = await keys();
    const [issuer] = await rows<{ id: string }>(h, sql`SELECT issuer_id AS id FROM plans LIMIT 1`);
    await h.db.execute(sql`INSERT INTO disclosure_events (issuer_id, plan_id, kind, title, start_date, end_date)
      VALUES (${issuer!.id}, ${planIds[0]!}, 'major_event', 'plan only', '2027-01-04', '2027-01-08')`);
    const planOnly = await keys();
    expect(planOnly.get(planIds[0]!)).not.toBe(before.get(planIds[0]!));
    for (const id of planIds.slice(1)) expect(planOnly.get(id)).toBe(before.get(id));
    await h.db.execute(
      sql`UPDATE disclosure_events SET title = title WHERE plan_id IS NULL AND id = (SELECT id FROM disclosure_events WHERE plan_id IS NULL LIMIT 1)`,
    );
    const companyWide = await keys();
    for (const id of planIds) expect(companyWide.get(id)).not.toBe(planOnly.get(id));
  });

  it("answers empty parts for a user linked to no person", async () => {
    const [admin] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE person_id IS NULL LIMIT 1`);
    const value = await home(admin!.id);
    expect(value.grants).toEqual([]);
    expect(value.blackoutKeys).toEqual([]);
  });
});
