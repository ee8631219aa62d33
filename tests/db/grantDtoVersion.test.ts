import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { grantDtoVersion, grantsOfPerson, personGrantsUnlessKept } from "@/lib/features/grants/readModel/grantReads";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/**
 * A person's grant DTO version lets a server keep that person's DTOs between requests. It must move at the
 * commit of every change to what the DTO is built from (once per transaction), never before the commit,
 * never on a rollback, and not for changes to another person's grants; the statement then answers the
 * grants again.
 */
describe.each(BACKENDS)("the person's grant DTO version on %s", (kind) => {
  let h: DatabaseHandle;
  let person: string;
  let otherPerson: string;
  let uid: string;

  const versionOf = async (personId: string) =>
    Number((await rows<{ v: string | number }>(h, sql`SELECT ${grantDtoVersion(sql`${personId}::uuid`)} AS v`))[0]!.v);
  const version = () => versionOf(person);
  const grantsUnlessKept = async (gv: number, gp: string | null) => {
    const [row] = await h.db
      .select({ value: personGrantsUnlessKept(h.db, users.personId, "text") })
      .from(users)
      .where(eq(users.id, uid))
      .prepare(`t_unless_${kind}_${gv}_${gp ? "p" : "n"}`)
      .execute({ gv, gp });
    return row!.value;
  };

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [u] = await rows<{ id: string; person_id: string }>(
      h,
      sql`SELECT id, person_id FROM users WHERE email = 'employee@demo.local'`,
    );
    uid = u!.id;
    person = u!.person_id;
    const [o] = await rows<{ person_id: string }>(
      h,
      sql`SELECT person_id FROM users WHERE email = 'employee2@demo.local'`,
    );
    otherPerson = o!.person_id;
  });
  afterAll(async () => h?.close());

  // Each statement changes rows of one table the person's DTO is built from (the demo has rows of each for
  // the demo employee); the tests run it twice in one transaction.
  const mine = sql`(SELECT person_id FROM users WHERE email = 'employee@demo.local')`;
  const myGrants = sql`(SELECT id FROM grants WHERE person_id = ${mine})`;
  const touches: [string, ReturnType<typeof sql>][] = [
    ["grants", sql`UPDATE grants SET quantity = quantity + 1 WHERE person_id = ${mine}`],
    ["tranches", sql`UPDATE tranches SET ratio = ratio + 0.0001 WHERE grant_id IN ${myGrants}`],
    ["appraisal_results", sql`UPDATE appraisal_results SET grade = grade || ' ' WHERE grant_id IN ${myGrants}`],
    [
      "company_appraisals",
      sql`UPDATE company_appraisals c SET company_ratio = company_ratio + 0.0001 FROM grants g WHERE g.person_id = ${mine} AND g.batch_id = c.batch_id AND g.category_id = c.category_id`,
    ],
    [
      "adjustment_records",
      sql`UPDATE adjustment_records SET price_after = price_after + 0.01 WHERE grant_id IN ${myGrants}`,
    ],
    [
      "corporate_actions",
      sql`UPDATE corporate_actions SET description = coalesce(description, '') || ' ' WHERE id IN (SELECT corporate_action_id FROM adjustment_records WHERE grant_id IN ${myGrants})`,
    ],
    [
      "grant_batches",
      sql`UPDATE grant_batches SET grant_price = grant_price + 0.01 WHERE id IN (SELECT batch_id FROM grants WHERE person_id = ${mine})`,
    ],
    [
      "plans",
      sql`UPDATE plans SET name = name || ' ' WHERE id IN (SELECT plan_id FROM grants WHERE person_id = ${mine})`,
    ],
    ["persons", sql`UPDATE persons SET name = name || ' ' WHERE id = ${mine}`],
    [
      "participant_categories",
      sql`UPDATE participant_categories SET name = name || ' ' WHERE id IN (SELECT category_id FROM grants WHERE person_id = ${mine})`,
    ],
  ];

  it.each(touches.map(([table]) => table))("moves once when a transaction changes %s, at its commit", async (table) => {
    const statement = touches.find(([t]) => t === table)![1];
    const before = await version();
    let inside = NaN;
    await h.db.transaction(async (tx) => {
      await tx.execute(statement);
      await tx.execute(statement);
      // Inside the transaction the counter has not moved yet: it moves at commit, once.
      inside = Number(
        (
          (await tx.execute(sql`SELECT ${grantDtoVersion(sql`${person}::uuid`)} AS v`)) as unknown as {
            rows: { v: string | number }[];
          }
        ).rows[0]!.v,
      );
    });
    expect(inside).toBe(before);
    expect(await version()).toBe(before + 1);
  });

  it("leaves another person's version alone when only this person's own rows change", async () => {
    const before = await versionOf(otherPerson);
    for (const table of ["grants", "tranches", "persons"]) {
      await h.db.transaction(async (tx) => {
        await tx.execute(touches.find(([t]) => t === table)![1]);
      });
    }
    expect(await versionOf(otherPerson)).toBe(before);
  });

  it("moves everyone in a plan when what the plan shows changes, and nobody when only its derivation day does", async () => {
    const [plan] = await rows<{ id: string }>(
      h,
      sql`SELECT g.plan_id AS id FROM grants g JOIN grants o ON o.plan_id = g.plan_id WHERE g.person_id = ${person} AND o.person_id = ${otherPerson} LIMIT 1`,
    );
    expect(plan).toBeDefined();
    const [mine, theirs] = [await version(), await versionOf(otherPerson)];
    await h.db.execute(sql`UPDATE plans SET derived_on = derived_on WHERE id = ${plan!.id}`);
    await h.db.execute(sql`UPDATE plans SET derived_on = date '2026-01-01' WHERE id = ${plan!.id}`);
    await h.db.execute(sql`UPDATE tranches SET ratio = ratio WHERE grant_id IN ${myGrants}`);
    expect([await version(), await versionOf(otherPerson)]).toEqual([mine, theirs]);
    await h.db.execute(sql`UPDATE plans SET name_en = name_en || ' ' WHERE id = ${plan!.id}`);
    expect([await version(), await versionOf(otherPerson)]).toEqual([mine + 1, theirs + 1]);
  });

  it("does not move on a rollback, nor for tables a DTO is not built from, nor for updates that change nothing", async () => {
    const before = await version();
    await h.db
      .transaction(async (tx) => {
        await tx.execute(sql`UPDATE grants SET accepted_at = now()`);
        await tx.execute(sql`UPDATE tranches SET ratio = ratio + 0.0001`);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await h.db.execute(sql`UPDATE notifications SET read_at = read_at`);
    await h.db.execute(sql`UPDATE users SET locale = locale`);
    await h.db.execute(sql`UPDATE grants SET quantity = quantity WHERE person_id = ${person}`);
    expect(await version()).toBe(before);
    // A savepoint rolled back takes its notes with it; what the transaction keeps still moves once.
    await h.db.transaction(async (tx) => {
      await tx
        .transaction(async (sp) => {
          await sp.execute(sql`UPDATE persons SET name = name || '~' WHERE id = ${otherPerson}`);
          throw new Error("roll back the savepoint");
        })
        .catch(() => undefined);
      await tx.execute(sql`UPDATE grants SET quantity = quantity + 1 WHERE person_id = ${person}`);
    });
    expect(await version()).toBe(before + 1);
    expect(await rows(h, sql`SELECT * FROM grant_dto_touches`)).toEqual([]);
    expect(await rows(h, sql`SELECT * FROM grant_dto_flushes`)).toEqual([]);
  });

  it("answers the grants unless the caller holds them at the current version for the same person", async () => {
    const v = await version();
    const full = await grantsUnlessKept(-1, null);
    expect(JSON.parse(full!)).toEqual(await grantsOfPerson(h.db, person));
    expect(await grantsUnlessKept(v, person)).toBeNull();
    // Another person's grants held, or an older version: answered again.
    const [other] = await rows<{ person_id: string }>(
      h,
      sql`SELECT person_id FROM users WHERE email = 'employee2@demo.local'`,
    );
    expect(await grantsUnlessKept(v, other!.person_id)).toBe(full);
    expect(await grantsUnlessKept(v - 1, person)).toBe(full);
  });

  it("moves once per committed writer when many write at once, without adding a deadlock", async () => {
    if (kind !== "postgres") return; // PGlite is one connection: nothing runs concurrently.
    const before = [await version(), await versionOf(otherPerson)];
    const trancheOf = async (personId: string) =>
      (
        await rows<{ id: string }>(
          h,
          sql`SELECT t.id FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.person_id = ${personId} ORDER BY t.id`,
        )
      ).map((t) => t.id);
    const [mineRows, theirRows] = [await trancheOf(person), await trancheOf(otherPerson)];
    const writers = Math.min(mineRows.length, theirRows.length);
    expect(writers).toBeGreaterThanOrEqual(4);
    // Each writer changes a row of its own for each of the two persons, half in one order and half in the
    // other. Were a person's counter locked at the write rather than at commit, the two orders would deadlock.
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        h.db.transaction(async (tx) => {
          const write = (id: string) => tx.execute(sql`UPDATE tranches SET ratio = ratio + 0.0001 WHERE id = ${id}`);
          const pair = [mineRows[i]!, theirRows[i]!];
          for (const id of i % 2 === 0 ? pair : pair.reverse()) {
            await write(id);
            await new Promise((r) => setTimeout(r, 5));
          }
        }),
      ),
    );
    expect([await version(), await versionOf(otherPerson)]).toEqual([before[0]! + writers, before[1]! + writers]);
  });

  it("makes a kept DTO stale exactly when a change to it commits", async () => {
    const v = await version();
    await h.db.execute(
      sql`UPDATE grants SET accepted_at = timestamptz '2026-11-20 09:30:00+00' WHERE person_id = ${person}`,
    );
    const after = await version();
    expect(after).toBe(v + 1);
    const fresh = JSON.parse((await grantsUnlessKept(v, person))!) as { acceptedAt: string | null }[];
    expect(fresh.every((g) => g.acceptedAt === "2026-11-20T09:30:00.000Z")).toBe(true);
    expect(await grantsUnlessKept(after, person)).toBeNull();
  });
});
