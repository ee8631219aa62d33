import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import type { DepartureReason } from "@/lib/domain/persons/departureRules";
import { correctDeparture, recordLeaver, withdrawDeparture } from "@/lib/features/persons/departures";
import { departureHistory, listLeavers, type LeaverDto } from "@/lib/features/persons/departureReads";
import { listLeaversQuery } from "@/lib/features/persons/schemas";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";

/** Leavers recorded here, on people who hold no grants (so nothing is re-derived). */
const RECORDED: { leaveDate: string; reason: DepartureReason }[] = [
  { leaveDate: "2026-03-31", reason: "retirement" },
  { leaveDate: "2026-03-31", reason: "resignation" },
  { leaveDate: "2025-07-15", reason: "resignation" },
  { leaveDate: "2026-08-01", reason: "death" },
  { leaveDate: "2025-12-31", reason: "contract_end" },
];

describe.each(BACKENDS)("leavers list on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let people: { id: string; employeeNo: string; name: string }[];
  const previousToday = process.env.VD_TODAY;

  /** Every page of a query, following nextCursor. */
  const allPages = async (query: Record<string, string | number>) => {
    const pages: LeaverDto[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listLeavers(h.db, listLeaversQuery.parse({ ...query, ...(cursor ? { cursor } : {}) }));
      pages.push(page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  };

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.2.2.4" };
    people = await rows(
      h,
      sql`SELECT p.id::text AS id, p.employee_no AS "employeeNo", p.name FROM persons p
        WHERE p.employment_status = 'active' AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.person_id = p.id)
        ORDER BY p.employee_no LIMIT ${RECORDED.length}`,
    );
    expect(people).toHaveLength(RECORDED.length);
    for (const [i, r] of RECORDED.entries())
      await recordLeaver(h.db, actor, people[i]!.id, { ...r, note: `case ${i}` });
    await correctDeparture(h.db, actor, people[0]!.id, { reason: "incapacity", note: "reason corrected" });
    await correctDeparture(h.db, actor, people[0]!.id, { leaveDate: "2026-04-30", note: "date corrected" });
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("lists every leaver once, latest leave date first, across pages of 2", async () => {
    const pages = await allPages({ limit: 2 });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    const items = pages.flat();
    // The five recorded here and the two the demo seed records (E00150 in 2024, E00288 ten days ago).
    expect(items.map((i) => i.leaveDate)).toEqual([
      "2026-11-11",
      "2026-08-01",
      "2026-04-30",
      "2026-03-31",
      "2025-12-31",
      "2025-07-15",
      "2024-09-30",
    ]);
    expect(new Set(items.map((i) => i.personId)).size).toBe(7);
    const seeded = items.find((i) => i.employeeNo === "E00150")!;
    expect(seeded).toMatchObject({ reason: "resignation", recordedBy: null, corrections: 0 });
  });

  it("shows the departure in force with its reason in both languages, who recorded it and the corrections count", async () => {
    const [item] = (await listLeavers(h.db, listLeaversQuery.parse({ q: people[0]!.employeeNo }))).items;
    expect(item).toMatchObject({
      personId: people[0]!.id,
      name: people[0]!.name,
      leaveDate: "2026-04-30",
      reason: "incapacity",
      reasonText: { en: "Incapacity to work", zh: "丧失劳动能力" },
      note: "date corrected",
      recordedBy: { userId: actor.userId },
      corrections: 2,
    });
    expect(Date.parse(item!.recordedAt!)).not.toBeNaN();
    const history = (await departureHistory(h.db, people[0]!.id))!;
    expect(history.records.map((r) => [r.kind, r.leaveDate, r.reason])).toEqual([
      ["recorded", "2026-03-31", "retirement"],
      ["corrected", "2026-03-31", "incapacity"],
      ["corrected", "2026-04-30", "incapacity"],
    ]);
    expect(history.inForce!.id).toBe(item!.departureId);
    expect(history.records[0]!.recordedBy).toMatchObject({ userId: actor.userId });
  });

  it("filters by reason, by leave-date range and by employee no. or name, paging within the filter", async () => {
    const resigned = (await allPages({ reason: "resignation", limit: 1 })).flat();
    expect(resigned.map((i) => i.leaveDate)).toEqual(["2026-03-31", "2025-07-15", "2024-09-30"]);
    expect(resigned.every((i) => i.reason === "resignation")).toBe(true);
    const range = (await allPages({ from: "2025-12-31", to: "2026-04-30", limit: 2 })).flat();
    expect(range.map((i) => i.leaveDate)).toEqual(["2026-04-30", "2026-03-31", "2025-12-31"]);
    const both = (await allPages({ reason: "contract_end", from: "2026-01-01" })).flat();
    expect(both.map((i) => i.employeeNo)).toEqual(["E00288"]);
    const byName = (await listLeavers(h.db, listLeaversQuery.parse({ q: people[3]!.name }))).items;
    expect(byName.map((i) => i.personId)).toContain(people[3]!.id);
    expect((await listLeavers(h.db, listLeaversQuery.parse({ q: "no such person" }))).items).toEqual([]);
  });

  it("refuses a cursor it did not hand out and a reason that is not a code", async () => {
    expect((await refusal(listLeavers(h.db, { cursor: "bm90IGEgY3Vyc29y" }))).status).toBe(400);
    expect(listLeaversQuery.safeParse({ reason: "left" }).success).toBe(false);
    expect(listLeaversQuery.safeParse({ limit: "0" }).success).toBe(false);
  });

  it("drops a withdrawn departure from the list", async () => {
    await withdrawDeparture(h.db, actor, people[4]!.id, { note: "recorded for the wrong person" });
    const items = (await allPages({})).flat();
    expect(items.map((i) => i.personId)).not.toContain(people[4]!.id);
    expect(items).toHaveLength(6);
  });
});
