import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite, types } from "@electric-sql/pglite";
import { openPGliteThread, type PGliteThread } from "@/db/pgliteThread";
import { readDuringOpenTransaction } from "../support/readDuringOpenTransaction";

/**
 * The embedded database on its own thread must answer what PGlite answers in the caller's thread: the
 * same rows and fields, drizzle's text parsers kept, the database's error fields, transactions that
 * commit or roll back whole, and a read that waits for an open transaction instead of seeing into it.
 */
describe("PGlite on a thread of its own", () => {
  let local: PGlite;
  let thread: PGliteThread;
  const setup = `CREATE TABLE t (id int PRIMARY KEY, d date, n numeric(12,2), j jsonb, ts timestamptz, b bytea);
    INSERT INTO t VALUES (1, '2026-11-21', 39.58, '{"x": [1, 2]}', '2026-11-20 09:30:00+00', '\\x0102'),
                         (2, NULL, NULL, NULL, NULL, NULL)`;

  beforeAll(async () => {
    local = new PGlite("memory://");
    thread = openPGliteThread("memory://");
    await local.exec(setup);
    await thread.exec(setup);
  });
  afterAll(async () => {
    await local?.close();
    await thread?.close();
  });

  const text = "SELECT id, d, n, j, ts, b, $1::text AS p FROM t WHERE id >= $2 ORDER BY id";

  it("answers rows and fields as PGlite does, in both row modes and with drizzle's text parsers", async () => {
    const drizzleParsers = { [types.DATE]: (v: string) => v, [types.TIMESTAMPTZ]: (v: string) => v };
    for (const options of [undefined, { rowMode: "array" as const }, { parsers: drizzleParsers }]) {
      for (let i = 0; i < 3; i++) {
        const [a, b] = await Promise.all([
          local.query(text, ["值", 1], options),
          thread.query(text, ["值", 1], options),
        ]);
        expect(b.rows).toEqual(a.rows);
        expect(b.fields).toEqual(a.fields);
      }
    }
    const raw = await thread.query<{ d: unknown }>(text, [null, 1], { parsers: drizzleParsers });
    expect(raw.rows[0]!.d).toBe("2026-11-21");
  });

  it("refuses a parser that would change values, since functions cannot cross threads", async () => {
    await expect(thread.query(text, ["x", 1], { parsers: { [types.DATE]: (v: string) => `d:${v}` } })).rejects.toThrow(
      /parsers that keep the text/,
    );
  });

  it("carries the database's error fields and stays usable after an error", async () => {
    const insert = "INSERT INTO t (id) VALUES ($1)";
    await expect(thread.query(insert, [1])).rejects.toMatchObject({ code: "23505", constraint: "t_pkey" });
    expect((await thread.query(insert, [3])).affectedRows).toBe(1);
  });

  it("commits a transaction whole, and rolls one back whole when its work throws", async () => {
    await thread.transaction(async (tx) => {
      await tx.query("INSERT INTO t (id) VALUES ($1)", [10]);
      await tx.query("INSERT INTO t (id) VALUES ($1)", [11]);
    });
    await expect(
      thread.transaction(async (tx) => {
        await tx.query("INSERT INTO t (id) VALUES ($1)", [12]);
        await tx.query("INSERT INTO t (id) VALUES ($1)", [10]);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    const ids = await thread.query<{ id: number }>("SELECT id FROM t WHERE id >= 10 ORDER BY id");
    expect(ids.rows.map((r) => r.id)).toEqual([10, 11]);
  });

  it("makes a read wait for an open transaction instead of seeing its uncommitted rows", async () => {
    const seen = await readDuringOpenTransaction(
      thread,
      "INSERT INTO t (id) VALUES (20)",
      "SELECT count(*)::int AS c FROM t WHERE id = 20",
    );
    // The read waits for the transaction instead of seeing its insert, and answers after the rollback.
    expect(seen.answeredWhileOpen).toBeNull();
    expect(seen.rollback).toBe("rolled back on purpose");
    expect(seen.answered).toBe(0);
  });

  it("runs many concurrent statements and transactions without mixing them", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? thread.transaction(async (tx) => {
              await tx.query("INSERT INTO t (id, n) VALUES ($1, $2)", [100 + i, i]);
              await tx.query("UPDATE t SET n = n + 1 WHERE id = $1", [100 + i]);
            })
          : thread.query("SELECT count(*) FROM t"),
      ),
    );
    const rows = await thread.query<{ id: number; n: string }>("SELECT id, n FROM t WHERE id >= 100 ORDER BY id");
    expect(rows.rows).toEqual(Array.from({ length: 10 }, (_, k) => ({ id: 101 + 2 * k, n: `${1 + 2 * k + 1}.00` })));
  });

  it("dumps the data folder and refuses statements once closed", async () => {
    const other = openPGliteThread("memory://");
    await other.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('here')");
    const dump = await other.dumpDataDir("none");
    expect(dump.size).toBeGreaterThan(1_000_000);
    await other.close();
    await expect(other.query("SELECT 1")).rejects.toThrow(/closed/);
  });
});
