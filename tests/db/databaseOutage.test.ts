/**
 * The database going away, for real: node-postgres behind drizzle, talking through a TCP forwarder the
 * test cuts. Every way the outage shows up must be recognised as "database unavailable" (503, try
 * again), and the same pool must work again once the database is back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { errorResponse, isDatabaseUnavailable } from "@/lib/platform/http/apiResponse";
import { ApiError } from "@/lib/platform/errors/apiError";
import {
  databaseKnownDown,
  databaseProbeInFlight,
  outageObserver,
  registerDatabaseProbe,
  reportDatabaseHealthy,
} from "@/lib/platform/databaseOutage";
import { freePort, hostPortOf, TcpProxy } from "../support/tcpProxy";
import { freshDatabase, rows } from "./support/testDatabase";

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable("expected the query to fail"),
    (e: unknown) => e,
  );
}

describe.skipIf(!process.env.VD_TEST_PG_URL)("database outage on postgres", () => {
  let h: DatabaseHandle;
  let proxy: TcpProxy;
  let pool: Pool;
  let db: ReturnType<typeof drizzle<typeof schema>>;
  let proxiedUrl = "";

  beforeAll(async () => {
    h = await freshDatabase("postgres");
    const [{ name }] = (await rows<{ name: string }>(h, sql`SELECT current_database() AS name`)) as [{ name: string }];
    const url = new URL(process.env.VD_TEST_PG_URL!);
    url.pathname = `/${name}`;
    proxy = new TcpProxy(hostPortOf(url.toString()), await freePort());
    await proxy.restore();
    // The pool options recommended for db/client.ts: fail fast instead of hanging when the network does.
    proxiedUrl = proxy.urlFor(url.toString());
    pool = new Pool({ connectionString: proxiedUrl, max: 3, connectionTimeoutMillis: 1500 });
    pool.on("error", () => {});
    db = drizzle(pool, { schema });
  });
  afterAll(async () => {
    await pool?.end().catch(() => {});
    await proxy?.cut();
    await h?.close();
  });

  it("answers normally through the forwarder", async () => {
    expect((await db.execute(sql`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
  });

  it("recognises a query cut off mid-flight, a refused connection and a cut transaction as unavailable; the pool recovers", async () => {
    const inFlight = db.execute(sql`SELECT pg_sleep(5)`);
    setTimeout(() => void proxy.cut(), 200);
    const cutOff = await failure(inFlight);
    expect(String((cutOff as Error).cause)).toContain("Connection terminated unexpectedly");
    const refused = await failure(db.execute(sql`SELECT 1`));
    expect(((refused as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
    const inTransaction = await failure(db.transaction(async (tx) => tx.execute(sql`SELECT 1`)));
    for (const e of [cutOff, refused, inTransaction]) {
      expect(isDatabaseUnavailable(e), String(e)).toBe(true);
      const res = errorResponse(e);
      expect(res.status).toBe(503);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({
        error: {
          code: "DATABASE_UNAVAILABLE",
          message: "The database is not reachable; try again shortly.",
          details: null,
        },
      });
    }
    await proxy.restore();
    expect((await db.execute(sql`SELECT 2 AS two`)).rows).toEqual([{ two: 2 }]);
  });

  it("fails fast with a connect timeout when the network hangs, and that too is unavailable", async () => {
    await proxy.blackhole();
    const started = Date.now();
    const hung = await failure(db.execute(sql`SELECT 1`));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(isDatabaseUnavailable(hung)).toBe(true);
    expect(errorResponse(hung).status).toBe(503);
    await proxy.restore();
    expect((await db.execute(sql`SELECT 3 AS three`)).rows).toEqual([{ three: 3 }]);
  });

  it("does not mistake a broken query, a constraint violation or a refusal for an outage", async () => {
    const syntax = await failure(db.execute(sql`SELECT * FROM no_such_table`));
    const badUuid = await failure(db.execute(sql`SELECT ${"not-a-uuid"}::uuid`));
    for (const e of [
      syntax,
      badUuid,
      new ApiError("PLAN_NOT_DRAFT", "x"),
      new Error("boom"),
      null,
      "Connection terminated",
    ]) {
      expect(isDatabaseUnavailable(e), String(e)).toBe(false);
    }
    expect(errorResponse(syntax).status).toBe(500);
    // A value the database cannot store is the request's fault: 400 with a code, the SQL kept out of the answer.
    const refused = errorResponse(badUuid);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: {
        code: "INVALID_VALUE",
        message: "A value in the request is out of range or malformed.",
        details: { sqlstate: "22P02" },
      },
    });
  });

  it("the portal's own pool tells the outage state (what proxy.ts answers pages 503 from): down when cut, back by the probe", async () => {
    reportDatabaseHealthy();
    const portal = openDatabase({ url: proxiedUrl, observer: outageObserver, poolSize: 2 });
    registerDatabaseProbe(async () => {
      await portal.db.execute(sql`SELECT 1`);
    });
    try {
      await portal.db.execute(sql`SELECT 1`);
      expect(databaseKnownDown()).toBe(false);
      // A constraint-like refusal is no outage.
      await failure(portal.db.execute(sql`SELECT * FROM no_such_table`));
      expect(databaseKnownDown()).toBe(false);
      await proxy.cut();
      // The idle connection's drop alone may already tell; a query certainly does, in or out of a transaction.
      await failure(portal.db.transaction(async (tx) => tx.execute(sql`SELECT 1`)));
      expect(databaseKnownDown()).toBe(true);
      // While still cut, the probe fails and the state stays down.
      expect(databaseKnownDown(Date.now() + 2000)).toBe(true);
      await databaseProbeInFlight();
      expect(databaseKnownDown()).toBe(true);
      await proxy.restore();
      expect(databaseKnownDown(Date.now() + 4000)).toBe(true);
      await databaseProbeInFlight();
      expect(databaseKnownDown()).toBe(false);
    } finally {
      reportDatabaseHealthy();
      await portal.close();
    }
  });
});
