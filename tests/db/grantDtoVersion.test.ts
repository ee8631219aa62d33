import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { grantDtoVersion, grantsOfPerson, personGrantsUnlessKept } from "@/lib/features/grants/readModel/grantReads";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/**
 * The grant data version lets a server keep a user's grant DTOs between requests. It must move at the
 * commit of every change to a table the DTO is built from (once per transaction), never before the
 * commit and never on a rollback; the statement then answers the grants again.
 */
describe.each(BACKENDS)("the grant data version on %s", (kind) => {
  let h: DatabaseHandle;
  let person: string;
  let uid: string;

  const version = async () =>
    Number((await rows<{ v: string | number }>(h, sql`SELECT ${grantDtoVersion} AS v`))[0]!.v);
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
  });
  afterAll(async () => h?.close());

  // Each statement touches rows of one table a DTO is built from (the demo has rows in each; an update of
  // no rows would fire no trigger and fail the test), without changing what they say.
  const touches: [string, ReturnType<typeof sql>][] = [
    [
      "grants",
      sql`UPDATE grants SET quantity = quantity WHERE person_id = (SELECT person_id FROM users WHERE email = 'employee@demo.local')`,
    ],
    ["tranches", sql`UPDATE tranches SET ratio = ratio WHERE grant_id IN (SELECT id FROM grants LIMIT 1)`],
    ["appraisal_results", sql`UPDATE appraisal_results SET grade = grade`],
    ["company_appraisals", sql`UPDATE company_appraisals SET company_ratio = company_ratio`],
    ["adjustment_records", sql`UPDATE adjustment_records SET price_after = price_after`],
    ["corporate_actions", sql`UPDATE corporate_actions SET ex_date = ex_date`],
    ["grant_batches", sql`UPDATE grant_batches SET grant_price = grant_price`],
    ["plans", sql`UPDATE plans SET name = name`],
    [
      "persons",
      sql`UPDATE persons SET name = name WHERE id = (SELECT person_id FROM users WHERE email = 'employee@demo.local')`,
    ],
    ["participant_categories", sql`UPDATE participant_categories SET name = name`],
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
        ((await tx.execute(sql`SELECT ${grantDtoVersion} AS v`)) as unknown as { rows: { v: string | number }[] })
          .rows[0]!.v,
      );
    });
    expect(inside).toBe(before);
    expect(await version()).toBe(before + 1);
  });

  it("does not move on a rollback, nor for tables a DTO is not built from", async () => {
    const before = await version();
    await h.db
      .transaction(async (tx) => {
        await tx.execute(sql`UPDATE grants SET accepted_at = now()`);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await h.db.execute(sql`UPDATE notifications SET read_at = read_at`);
    await h.db.execute(sql`UPDATE users SET locale = locale`);
    expect(await version()).toBe(before);
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
    const before = await version();
    const [plan] = await rows<{ id: string }>(h, sql`SELECT id FROM plans ORDER BY id LIMIT 1`);
    const grantIds = (await rows<{ id: string }>(h, sql`SELECT id FROM grants ORDER BY id LIMIT 12`)).map((g) => g.id);
    expect(grantIds).toHaveLength(12);
    // Half write first and lock the plan row after, half the other way round (as a re-derivation does).
    // Were the counter's row locked at the write rather than at commit, these two orders would deadlock.
    const writers = grantIds.map((grantId, i) =>
      h.db.transaction(async (tx) => {
        const write = () => tx.execute(sql`UPDATE tranches SET ratio = ratio WHERE grant_id = ${grantId}`);
        const lock = () => tx.execute(sql`SELECT id FROM plans WHERE id = ${plan!.id} FOR UPDATE`);
        if (i % 2 === 0) await write().then(lock);
        else await lock().then(write);
        await new Promise((r) => setTimeout(r, 5));
      }),
    );
    await Promise.all(writers);
    expect(await version()).toBe(before + 12);
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
