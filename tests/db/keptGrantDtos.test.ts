import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { granteeHomeRead } from "@/lib/features/me/readModel/granteeHome";
import { grantsOfPerson, type GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { grantsAnswered } from "@/lib/features/grants/readModel/keptGrantsRead";
import { forgetKeptGrants } from "@/lib/features/grants/readModel/grantDtoCache";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/**
 * The home page's grants as a request gets them: the session check's statement (the joined read's column
 * and version over the user's row, with what this server keeps for the user as parameters, as
 * lib/auth/session.ts assembles it), then the read model's choice between what it answered and what is
 * kept. Whatever the order of reads and committed writes, every answer must equal the person's grants as
 * the database holds them now; a write must leave other persons' kept DTOs in use.
 */
describe.each(BACKENDS)("kept grant DTOs under reads and writes on %s", (kind) => {
  let h: DatabaseHandle;
  let readers: { id: string; personId: string }[];
  let built: string[];

  const check = () =>
    h.db
      .select({ value: granteeHomeRead.column(h.db), version: granteeHomeRead.version!(h.db) })
      .from(users)
      .where(eq(users.id, sql.placeholder("uid")))
      .prepare(`t_kept_home_${kind}`);

  /** One request of the user's home page: their grants, and whether the statement had to build them. */
  const request = async (user: { id: string; personId: string }): Promise<GrantDto[]> => {
    const [row] = await check().execute({ uid: user.id, ...granteeHomeRead.params(user.id) });
    const answered = row!.value!.grants;
    if (answered !== null) built.push(user.personId);
    return grantsAnswered(h.db, user, answered, row!.version === null ? null : Number(row!.version));
  };

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    // The two demo employees and two more grantees with logins, all holding grants.
    const holders = await rows<{ person_id: string }>(
      h,
      sql`SELECT person_id FROM grants WHERE person_id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
          GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 2`,
    );
    for (const [i, p] of holders.entries())
      await h.db
        .insert(users)
        .values({ email: `reader${i}@demo.local`, displayName: `Reader ${i}`, personId: p.person_id });
    readers = (
      await rows<{ id: string; person_id: string }>(
        h,
        sql`SELECT u.id, u.person_id FROM users u WHERE u.person_id IN (SELECT person_id FROM grants) ORDER BY u.email`,
      )
    ).map((u) => ({ id: u.id, personId: u.person_id }));
    expect(readers.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => h?.close());
  beforeEach(() => {
    forgetKeptGrants();
    built = [];
  });

  it("answers each person their own grants, built once, and rebuilds only the person a write concerned", async () => {
    const [a, b] = readers as [(typeof readers)[0], (typeof readers)[0]];
    for (const u of [a, b, a, b]) expect(await request(u)).toEqual(await grantsOfPerson(h.db, u.personId));
    expect(built).toEqual([a.personId, b.personId]);
    await h.db.execute(
      sql`UPDATE grants SET accepted_at = timestamptz '2026-11-20 09:30:00+00' WHERE id = (SELECT id FROM grants WHERE person_id = ${a.personId} ORDER BY id LIMIT 1)`,
    );
    const afterWrite = await request(a);
    expect(afterWrite).toEqual(await grantsOfPerson(h.db, a.personId));
    expect(afterWrite.some((g) => g.acceptedAt === "2026-11-20T09:30:00.000Z")).toBe(true);
    expect(await request(b)).toEqual(await grantsOfPerson(h.db, b.personId));
    // b's DTOs were kept through a's write: only a's were built again.
    expect(built).toEqual([a.personId, b.personId, a.personId]);
  });

  it("never hands a user another person's kept grants when their login moves to another person", async () => {
    const a = readers[0]!;
    const [spare] = await rows<{ person_id: string }>(
      h,
      sql`SELECT person_id FROM grants WHERE person_id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
          ORDER BY person_id LIMIT 1`,
    );
    await request(a);
    await h.db.update(users).set({ personId: spare!.person_id }).where(eq(users.id, a.id));
    try {
      const moved = { id: a.id, personId: spare!.person_id };
      expect(await request(moved)).toEqual(await grantsOfPerson(h.db, spare!.person_id));
      expect(built).toEqual([a.personId, spare!.person_id]);
    } finally {
      await h.db.update(users).set({ personId: a.personId }).where(eq(users.id, a.id));
    }
  });

  // Committed writes of every kind a grant DTO shows, each on rows of one randomly chosen person or plan.
  const writes: ((personId: string, step: number) => ReturnType<typeof sql>)[] = [
    (p, n) =>
      sql`UPDATE grants SET accepted_at = timestamptz '2026-11-01 00:00:00+00' + ${n} * interval '1 minute' WHERE person_id = ${p}`,
    (p) =>
      sql`UPDATE tranches SET lapsed_quantity = lapsed_quantity + 1 WHERE id = (SELECT t.id FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.person_id = ${p} ORDER BY t.id LIMIT 1)`,
    (p, n) =>
      sql`UPDATE plans SET name_en = ${`Plan ${n}`} WHERE id = (SELECT plan_id FROM grants WHERE person_id = ${p} ORDER BY id LIMIT 1)`,
    (p, n) =>
      sql`UPDATE participant_categories SET name = ${`类别 ${n}`} WHERE id = (SELECT category_id FROM grants WHERE person_id = ${p} ORDER BY id LIMIT 1)`,
    (p, n) => sql`UPDATE persons SET name = ${`名 ${n}`} WHERE id = ${p}`,
    (p) =>
      sql`UPDATE appraisal_results SET grade = CASE grade WHEN 'A' THEN 'B' ELSE 'A' END WHERE grant_id IN (SELECT id FROM grants WHERE person_id = ${p})`,
  ];

  it("answers what the database holds now, whatever the order of reads and writes", async () => {
    // A fixed-seed generator: the same sequence on every run, so a failure can be replayed.
    let seed = 20261207;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let reads = 0;
    for (let step = 0; step < 120; step++) {
      const user = readers[next(readers.length)]!;
      if (next(3) === 0) {
        await h.db.execute(writes[next(writes.length)]!(readers[next(readers.length)]!.personId, step));
        continue;
      }
      const answer = await request(user);
      expect(answer, `step ${step}`).toEqual(await grantsOfPerson(h.db, user.personId));
      reads++;
    }
    expect(reads).toBeGreaterThan(60);
    // Kept DTOs did serve most reads: the answers above were not all built afresh.
    expect(built.length).toBeLessThan(reads);
  });
});
