import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { participantCategories, participantListEntries, participantListVersions, persons, plans } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { encodeCursor, MAX_PAGE_SIZE, type Page } from "@/lib/platform/pagination/keysetCursor";
import { planGrantsPage, unacceptedCount } from "@/lib/features/grants/planGrantList";
import { planGrantsQuery } from "@/lib/features/grants/planGrantListQuery";
import { listEntriesPage, listVersionSummaries } from "@/lib/features/participants/listEntryPages";
import { listEntriesQuery } from "@/lib/features/participants/listEntriesQuery";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";
const NOWHERE = "00000000-0000-0000-0000-000000000000";

/** Every page of a list from the first, following nextCursor; fails on a loop. */
async function allPages<T>(read: (cursor?: string) => Promise<Page<T>>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
    expect(pages).toBeLessThan(500);
  } while (cursor);
  return { items, pages };
}

describe.each(BACKENDS)("long lists (plan grants, list entries) on %s", (kind) => {
  let h: DatabaseHandle;
  let plan2021: string;
  let plan2022: string;
  let planInPublicity: string;
  let currentPlan: string;
  let category2022b: string;

  /** A plan's grant ids as the database orders them, with an optional extra condition in SQL. */
  const grantIds = async (planId: string, extra = sql`true`) =>
    (
      await rows<{ id: string }>(
        h,
        sql`SELECT g.id FROM grants g JOIN grant_batches b ON b.id = g.batch_id JOIN persons p ON p.id = g.person_id
            WHERE g.plan_id = ${planId} AND ${extra} ORDER BY b.grant_date, p.employee_no, g.id`,
      )
    ).map((r) => r.id);
  /** A list version's employee numbers in order, with an optional extra condition in SQL. */
  const entryNumbers = async (versionId: string, extra = sql`true`) =>
    (
      await rows<{ no: string }>(
        h,
        sql`SELECT p.employee_no AS no FROM participant_list_entries e JOIN persons p ON p.id = e.person_id
            WHERE e.list_version_id = ${versionId} AND ${extra} ORDER BY p.employee_no`,
      )
    ).map((r) => r.no);
  const versionId = async (planId: string, batch: "first" | "reserved", version: number) =>
    (
      await h.db
        .select({ id: participantListVersions.id })
        .from(participantListVersions)
        .where(
          and(
            eq(participantListVersions.planId, planId),
            eq(participantListVersions.batch, batch),
            eq(participantListVersions.version, version),
          ),
        )
    )[0]!.id;
  // Queries as a URL sends them (strings), parsed by the same schema the route uses.
  const grants = (planId: string, query: z.input<typeof planGrantsQuery>, personId?: string) =>
    planGrantsPage(h.db, planId, planGrantsQuery.parse(query), personId);
  const entries = (planId: string, query: z.input<typeof listEntriesQuery>) =>
    listEntriesPage(h.db, planId, listEntriesQuery.parse(query));

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const all = await h.db.select({ id: plans.id, nameEn: plans.nameEn }).from(plans);
    plan2021 = all.find((p) => p.nameEn.startsWith("2021"))!.id;
    plan2022 = all.find((p) => p.nameEn.startsWith("2022"))!.id;
    planInPublicity = all.find((p) => p.nameEn.startsWith("2026 Restricted"))!.id;
    currentPlan = all.find((p) => p.nameEn.includes("Core Staff"))!.id;
    category2022b = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(and(eq(participantCategories.planId, plan2022), eq(participantCategories.code, 2)))
    )[0]!.id;
    // A second version of the plan in publicity's list, without its first person: as applying one would leave it.
    const v1 = await versionId(planInPublicity, "first", 1);
    const [v2] = await h.db
      .insert(participantListVersions)
      .values({ planId: planInPublicity, batch: "first", version: 2, contentHash: "long-lists-v2" })
      .returning({ id: participantListVersions.id });
    const kept = await h.db
      .select()
      .from(participantListEntries)
      .innerJoin(persons, eq(persons.id, participantListEntries.personId))
      .where(eq(participantListEntries.listVersionId, v1))
      .orderBy(persons.employeeNo);
    await h.db.insert(participantListEntries).values(
      kept.slice(1).map(({ participant_list_entries: e }) => ({
        listVersionId: v2!.id,
        personId: e.personId,
        categoryId: e.categoryId,
        name: e.name,
        position: e.position,
        nationality: e.nationality,
        quantity: e.quantity,
      })),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it("pages through a plan's grants: every grant exactly once, in (grant date, employee no., id) order", async () => {
    const expected = await grantIds(plan2021);
    expect(expected.length).toBeGreaterThan(MAX_PAGE_SIZE);
    const { items, pages } = await allPages((cursor) => grants(plan2021, { limit: "7", cursor }));
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(items.map((g) => g.id)).toEqual(expected);
    expect(new Set(items.map((g) => g.id)).size).toBe(expected.length);
    // The DTO is the full grant, as GET /api/v1/grants/{id} shows it.
    expect(items[0]).toMatchObject({ planId: plan2021, batch: "first", tranches: expect.any(Array) });
  });

  it("answers 200 grants without a limit, then the rest after the cursor", async () => {
    const expected = await grantIds(plan2021);
    const first = await grants(plan2021, {});
    expect(first.items).toHaveLength(MAX_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const rest = await grants(plan2021, { cursor: first.nextCursor! });
    expect(rest.nextCursor).toBeNull();
    expect([...first.items, ...rest.items].map((g) => g.id)).toEqual(expected);
    // A small plan still comes whole in one answer, as the existing callers read it.
    const small = await grants(currentPlan, {});
    expect(small.items.map((g) => g.id)).toEqual(await grantIds(currentPlan));
    expect(small.nextCursor).toBeNull();
    expect(await grants(planInPublicity, {})).toEqual({ items: [], nextCursor: null });
  });

  it("combines search, batch, category and status filters, and pages through the filtered list", async () => {
    const cat2 = await grants(plan2022, { batch: "first", categoryId: category2022b });
    expect(cat2.items.map((g) => g.id)).toEqual(
      await grantIds(plan2022, sql`b.batch = 'first' AND g.category_id = ${category2022b}`),
    );
    expect(cat2.items.map((g) => g.employeeNo)).toEqual(["E00216", "E00217", "E00218", "E00219", "E00220", "E00221"]);
    const both = await grants(plan2022, { batch: "first", categoryId: category2022b, q: "e0022" });
    expect(both.items.map((g) => g.employeeNo)).toEqual(["E00220", "E00221"]);
    const vestable = sql`EXISTS (SELECT 1 FROM tranches t WHERE t.grant_id = g.id AND t.status = 'vestable')`;
    const expectedVestable = await grantIds(plan2022, sql`b.batch = 'first' AND ${vestable}`);
    expect(expectedVestable.length).toBeGreaterThan(3);
    const paged = await allPages((cursor) =>
      grants(plan2022, { batch: "first", status: "vestable", limit: "3", cursor }),
    );
    expect(paged.items.map((g) => g.id)).toEqual(expectedVestable);
    expect(paged.items.every((g) => g.tranches.some((t) => t.status === "vestable"))).toBe(true);
    // By name too, and an underscore or percent sign is taken as itself.
    const someone = paged.items[0]!;
    expect((await grants(plan2022, { q: someone.personName })).items.map((g) => g.id)).toContain(someone.id);
    expect((await grants(plan2022, { q: "%" })).items).toEqual([]);
    expect((await grants(plan2022, { q: "E_02" })).items).toEqual([]);
  });

  it("lists the unaccepted grants the count counts, and an employee's own only", async () => {
    const expected = await grantIds(
      plan2022,
      sql`g.accepted_at IS NULL AND NOT EXISTS (SELECT 1 FROM grant_batch_voids v WHERE v.batch_id = g.batch_id)`,
    );
    const { items } = await allPages((cursor) => grants(plan2022, { status: "unaccepted", limit: "50", cursor }));
    expect(items.map((g) => g.id)).toEqual(expected);
    expect(await unacceptedCount(h.db, plan2022)).toBe(expected.length);
    const accepted = await allPages((cursor) => grants(plan2022, { status: "accepted", cursor }));
    expect([expected.length > 0, accepted.items.length > 0]).toEqual([true, true]);
    expect(accepted.items.length + items.length).toBe((await grantIds(plan2022)).length);
    const holder = accepted.items[0] ?? items[0]!;
    const own = await grants(plan2022, {}, holder.personId);
    expect(own.items.map((g) => g.personId)).toEqual(own.items.map(() => holder.personId));
    expect(own.items.map((g) => g.id)).toContain(holder.id);
  });

  it("refuses a cursor it did not hand out with 400, and a limit above 200 in the query", async () => {
    const forged = [
      "not-a-cursor",
      encodeCursor(["2021-06-02", "E00001"]),
      encodeCursor(["2021-06-02", "E00001", 7]),
      encodeCursor(["2021-13-45", "E00001", NOWHERE]),
      encodeCursor(["2021-06-02", "E00001", "not-a-uuid"]),
    ];
    for (const cursor of forged) {
      const e = await refusal(grants(plan2021, { cursor }));
      expect([e.code, e.status]).toEqual(["BAD_REQUEST", 400]);
    }
    // A well-formed key that no row has is simply a position in the order.
    expect((await grants(plan2021, { cursor: encodeCursor(["2099-01-01", "E00001", NOWHERE]) })).items).toEqual([]);
    expect(planGrantsQuery.safeParse({ limit: "201" }).success).toBe(false);
    expect(planGrantsQuery.safeParse({ status: "granted" }).success).toBe(false);
    expect(listEntriesQuery.safeParse({ limit: "0" }).success).toBe(false);
  });

  it("pages through one list version's entries: every entry exactly once, in employee-number order", async () => {
    const v1 = await versionId(plan2021, "first", 1);
    const expected = await entryNumbers(v1);
    expect(expected.length).toBeGreaterThan(200);
    const { items, pages } = await allPages((cursor) => entries(plan2021, { limit: "20", cursor }));
    expect(pages).toBe(Math.ceil(expected.length / 20));
    expect(items.map((e) => e.employeeNo)).toEqual(expected);
    expect(new Set(items.map((e) => e.personId)).size).toBe(expected.length);
    const reserved = await entries(plan2021, { batch: "reserved", limit: "200" });
    expect(reserved).toMatchObject({ batch: "reserved", version: 1, nextCursor: null });
    expect(reserved.items.map((e) => e.employeeNo)).toEqual(
      await entryNumbers(await versionId(plan2021, "reserved", 1)),
    );
  });

  it("reads the latest version by default, keeps a cursor's version, and counts versions without loading them", async () => {
    const latest = await allPages((cursor) => entries(planInPublicity, { limit: "25", cursor }));
    const v2 = await entryNumbers(await versionId(planInPublicity, "first", 2));
    expect(latest.items.map((e) => e.employeeNo)).toEqual(v2);
    const firstOfV1 = await entries(planInPublicity, { version: "1", limit: "25" });
    expect(firstOfV1.version).toBe(1);
    // The next page, asked without a version, stays on version 1 (whose first person version 2 dropped).
    const v1 = await entryNumbers(await versionId(planInPublicity, "first", 1));
    const rest = await allPages((cursor) =>
      entries(planInPublicity, { limit: "25", cursor: cursor ?? firstOfV1.nextCursor! }),
    );
    expect([...firstOfV1.items, ...rest.items].map((e) => e.employeeNo)).toEqual(v1);
    expect(v1.length).toBe(v2.length + 1);
    const crossed = await refusal(entries(planInPublicity, { version: "2", cursor: firstOfV1.nextCursor! }));
    expect(crossed.code).toBe("BAD_REQUEST");

    const { versions, latest: latestOf } = await listVersionSummaries(h.db, planInPublicity);
    expect(latestOf).toEqual({ first: 2, reserved: null });
    const counted = await rows<{ version: number; people: number; total: string }>(
      h,
      sql`SELECT v.version, count(e.id)::int AS people, coalesce(sum(e.quantity), 0)::text AS total
          FROM participant_list_versions v LEFT JOIN participant_list_entries e ON e.list_version_id = v.id
          WHERE v.plan_id = ${planInPublicity} GROUP BY v.id ORDER BY v.batch, v.version`,
    );
    expect(versions.map((v) => [v.version, v.people, v.total])).toEqual(
      counted.map((c) => [c.version, c.people, Number(c.total)]),
    );
    expect(versions.map((v) => v.people)).toEqual([v1.length, v2.length]);
  });

  it("combines search and category on entries; 404 for no such version or plan, nothing for a batch without a list", async () => {
    const v1 = await versionId(plan2022, "first", 1);
    const cat2 = await entries(plan2022, { categoryId: category2022b });
    expect(cat2.items.map((e) => e.employeeNo)).toEqual(await entryNumbers(v1, sql`e.category_id = ${category2022b}`));
    const both = await entries(plan2022, { categoryId: category2022b, q: "E0022" });
    expect(both.items.map((e) => e.employeeNo)).toEqual(["E00220", "E00221"]);
    const named = cat2.items[0]!;
    expect((await entries(plan2022, { q: named.name })).items.map((e) => e.personId)).toContain(named.personId);
    const paged = await allPages((cursor) => entries(plan2022, { q: "E001", limit: "4", cursor }));
    expect(paged.items.map((e) => e.employeeNo)).toEqual(await entryNumbers(v1, sql`p.employee_no LIKE 'E001%'`));

    expect((await refusal(entries(plan2022, { version: "99" }))).code).toBe("NOT_FOUND");
    expect((await refusal(entries(NOWHERE, {}))).code).toBe("NOT_FOUND");
    expect(await entries(planInPublicity, { batch: "reserved" })).toEqual({
      items: [],
      nextCursor: null,
      batch: "reserved",
      version: null,
    });
    for (const cursor of ["%%%", encodeCursor(["E00100"]), encodeCursor(["1", "E00100"]), encodeCursor([1.5, "E0"])]) {
      const e = await refusal(entries(plan2022, { cursor }));
      expect([e.code, e.status]).toEqual(["BAD_REQUEST", 400]);
    }
  });
});
