import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { withPreparedStatements } from "@/db/pglitePreparedQueries";
import { readDuringOpenTransaction } from "../support/readDuringOpenTransaction";

/**
 * The embedded database's named statements must answer exactly what PGlite's own query answers, for every
 * execution after the first, in both row modes and with the parsers a caller passes, and refuse what it
 * refuses with the same error code.
 */
describe("named prepared statements on PGlite", () => {
  let plain: PGlite;
  let prepared: PGlite;

  beforeAll(async () => {
    plain = new PGlite("memory://");
    prepared = withPreparedStatements(new PGlite("memory://"));
    for (const db of [plain, prepared])
      await db.exec(`CREATE TABLE t (id int PRIMARY KEY, d date, n numeric(12,2), j jsonb, a text[], ts timestamptz);
        INSERT INTO t VALUES (1, '2026-11-21', 39.58, '{"x": [1, 2]}', '{a,b}', '2026-11-20 09:30:00+00'),
                             (2, NULL, NULL, NULL, NULL, NULL)`);
  });
  afterAll(async () => {
    await plain?.close();
    await prepared?.close();
  });

  const text = "SELECT id, d, n, j, a, ts, $1::text AS p FROM t WHERE id >= $2 ORDER BY id";

  it("answers as PGlite's query does, on the first and on later executions", async () => {
    for (let i = 0; i < 4; i++) {
      for (const params of [
        ["x", 1],
        [null, 2],
        ["值", 3],
      ] as const) {
        const [a, b] = await Promise.all([plain.query(text, [...params]), prepared.query(text, [...params])]);
        expect(b.rows).toEqual(a.rows);
        expect(b.fields).toEqual(a.fields);
      }
    }
    // It did run under a name: PGlite's own query leaves no prepared statement behind.
    const named = await prepared.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements");
    expect(named.rows.map((r) => r.statement)).toContain(text);
    expect((await plain.query("SELECT name FROM pg_prepared_statements")).rows).toEqual([]);
  });

  it("keeps the caller's row mode and parsers", async () => {
    const options = { rowMode: "array" as const, parsers: { 1082: (v: string) => `date:${v}` } };
    for (let i = 0; i < 3; i++) {
      const [a, b] = await Promise.all([plain.query(text, ["x", 1], options), prepared.query(text, ["x", 1], options)]);
      expect(b.rows).toEqual(a.rows);
      expect(b.rows[0]).toContain("date:2026-11-21");
    }
  });

  it("writes, reports affected rows, and refuses a duplicate with the same error code", async () => {
    const insert = "INSERT INTO t (id, n) VALUES ($1, $2) RETURNING id, n";
    for (let id = 10; id < 13; id++) {
      const r = await prepared.query(insert, [id, "1.50"]);
      expect(r.rows).toEqual([{ id, n: "1.50" }]);
      expect(r.affectedRows).toBe(1);
    }
    await expect(prepared.query(insert, [10, "1.50"])).rejects.toMatchObject({ code: "23505" });
    // The connection is usable after the error, inside and outside a transaction.
    expect((await prepared.query("SELECT count(*)::int AS c FROM t WHERE id >= $1", [10])).rows).toEqual([{ c: 3 }]);
    await prepared.transaction(async (tx) => {
      await tx.query("UPDATE t SET n = $1 WHERE id = $2", ["2.00", 10]);
    });
    expect((await prepared.query("SELECT n FROM t WHERE id = $1", [10])).rows).toEqual([{ n: "2.00" }]);
  });

  it("never runs inside another caller's open transaction: no uncommitted row is read", async () => {
    const seen = await readDuringOpenTransaction(
      prepared,
      "INSERT INTO t (id) VALUES (100)",
      "SELECT count(*)::int AS c FROM t WHERE id >= 100",
    );
    // The read waits for the transaction instead of seeing its insert, and answers after the rollback.
    expect(seen.answeredWhileOpen).toBeNull();
    expect(seen.rollback).toBe("rolled back on purpose");
    expect(seen.answered).toBe(0);
  });

  it("runs a statement afresh when its table changed shape", async () => {
    const select = "SELECT * FROM t WHERE id = $1";
    for (let i = 0; i < 3; i++) await prepared.query(select, [1]);
    await prepared.exec("ALTER TABLE t ADD COLUMN extra text DEFAULT 'e'");
    const r = await prepared.query(select, [1]);
    expect(r.rows[0]).toMatchObject({ id: 1, extra: "e" });
  });
});
