/**
 * The figures that need a running portal, for one backend: the bench company is seeded small, the
 * server started, P6's small measurement taken; the company is topped up to the middle size for P3's
 * smaller export, then to the large size for P6, P1, P2 and P3's large export. A top-up only adds
 * grants, so the grantee measured for P6 holds the same grants at both sizes. PGlite is one process at
 * a time: its server stops while the seed writes, PostgreSQL's keeps running.
 */
import { sql } from "drizzle-orm";
import type { Database, DatabaseKind } from "@/db/client";
import { BENCH_GRANTEE_EMAIL, BENCH_STAFF } from "./seed/benchAccounts";
import { seedBenchCompany } from "./seed/seedBench";
import { createBenchDatabase, openBenchDatabase, type BenchDatabaseLocation } from "./benchDatabase";
import { bestDownload, timeCopy } from "./exportBench";
import { figure, skipped, type Figures } from "./results";
import { startServer, type BenchServer } from "./serverProcess";
import { homeLatency, measureThroughput, round, signInCookie } from "./serverThroughput";

export interface ServerBenchSizes {
  employees: number;
  small: number;
  middle: number;
  large: number;
  seconds: number;
  exportRuns: number;
  throughputCycles: number;
}

const log = (kind: string, message: string) => console.log(`[bench ${kind}] ${message}`);

/** Seeds, starts, measures and cleans up; the database and the server are gone afterwards whatever happens. */
export async function runServerBench(kind: DatabaseKind, sizes: ServerBenchSizes, asOf: string): Promise<Figures> {
  const location = await createBenchDatabase(kind, "server");
  let server: BenchServer | null = null;
  let tables: Record<string, { rows: number; bytes: number }> = {};
  const start = async () => {
    log(kind, "starting the portal (npm start; builds first when the sources changed)…");
    server = await startServer({
      dataDir: location.dataDir,
      databaseUrl: location.url,
      env: { VD_BENCH_BUILD: "1", VD_TODAY: asOf, VD_DEMO: "0" },
      label: `${kind} server`,
    });
    log(kind, `portal up at ${server.base} in ${server.startMs} ms`);
    return server;
  };
  const seed = async (grants: number) => {
    if (kind === "pglite" && server) {
      await server.stop();
      server = null;
    }
    const result = await seedInto(location, sizes.employees, grants, asOf);
    tables = result.tables;
    log(
      kind,
      `${result.toppedUp ? "topped up" : "seeded"} to ${grants.toLocaleString("en-US")} grants in ${result.seconds.total} s`,
    );
    return server ?? (await start());
  };
  try {
    let s = await seed(sizes.small);
    const grantee = await signInCookie(s.base, BENCH_GRANTEE_EMAIL);
    const smallLatency = await homeLatency(s.base, grantee, sizes.seconds);
    log(kind, `P6 home page p50 at ${sizes.small} grants: ${smallLatency.p50Ms} ms`);

    s = await seed(sizes.middle);
    const middleExports = await exportsAt(kind, s, location, sizes.exportRuns);

    s = await seed(sizes.large);
    const granteeLarge = await signInCookie(s.base, BENCH_GRANTEE_EMAIL);
    const largeLatency = await homeLatency(s.base, granteeLarge, sizes.seconds);
    log(kind, `P6 home page p50 at ${sizes.large} grants: ${largeLatency.p50Ms} ms`);
    // Exports before the load runs: 50 connections grow the server's heap, which would be charged to
    // the 100k export's peak memory and not to anything the export does.
    const largeExports = await exportsAt(kind, s, location, sizes.exportRuns);
    const throughput = await measureThroughput(s.base, granteeLarge, sizes.seconds, sizes.throughputCycles);
    log(kind, `P1 ${throughput.P1.value}, P2 ${throughput.P2.value}`);

    const figures: Figures = {
      P1: figure(
        "grantee home page / no-DB dynamic page, throughput at 50 connections",
        throughput.P1.value,
        0.5,
        ">=",
        "ratio",
        throughput.P1.detail,
      ),
      P2: figure(
        "GET /api/v1/me/grants / trivial JSON route, throughput at 50 connections",
        throughput.P2.value,
        0.7,
        ">=",
        "ratio",
        throughput.P2.detail,
      ),
      ...p3Figures(middleExports, largeExports, sizes),
      dbSize: figure(
        `database size with ${sizes.large.toLocaleString("en-US")} grants (all tables, indexes included)`,
        round(Object.values(tables).reduce((a, t) => a + t.bytes, 0) / 2 ** 20),
        null,
        "report",
        "MB",
        tables,
      ),
      P6: figure(
        `home page p50 with ${sizes.large.toLocaleString("en-US")} grants / with ${sizes.small.toLocaleString("en-US")}`,
        round(largeLatency.p50Ms / Math.max(smallLatency.p50Ms, 0.001)),
        1.2,
        "<=",
        "ratio",
        { small: smallLatency, large: largeLatency },
      ),
    };
    return figures;
  } finally {
    if (server) await (server as BenchServer).stop();
    await location.drop();
  }
}

async function seedInto(location: BenchDatabaseLocation, employees: number, grants: number, asOf: string) {
  const handle = await openBenchDatabase(location);
  try {
    const result = await seedBenchCompany(handle.db, { employees, grants, asOf });
    return { ...result, tables: await tableSizes(handle.db) };
  } finally {
    await handle.close();
  }
}

/** Rows (as ANALYZE counts them) and bytes (heap, indexes, TOAST) of every table, for docs/scaling.md's projection. */
async function tableSizes(db: Database): Promise<Record<string, { rows: number; bytes: number }>> {
  await db.execute(sql`ANALYZE`);
  const result =
    (await db.execute(sql`SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 3 DESC`)) as unknown as {
      rows: { name: string; rows: string | number; bytes: string | number }[];
    };
  return Object.fromEntries(
    result.rows.map((r) => [r.name, { rows: Math.max(0, Number(r.rows)), bytes: Number(r.bytes) }]),
  );
}

type Exports = Awaited<ReturnType<typeof exportsAt>>;

/** CSV and XLSX downloads by the admin, and COPY of the same query (PostgreSQL only). */
async function exportsAt(kind: DatabaseKind, server: BenchServer, location: BenchDatabaseLocation, runs: number) {
  if (kind !== "postgres") return null;
  const admin = await signInCookie(server.base, BENCH_STAFF.find((u) => u.role === "admin")!.email);
  const csv = await bestDownload(server.base, server.pid, admin, "csv", runs);
  const xlsx = await bestDownload(server.base, server.pid, admin, "xlsx", runs);
  const copy = await timeCopy(location.url, runs);
  log(
    kind,
    `exports: CSV ${csv.seconds} s (${csv.bytes} B), XLSX ${xlsx.seconds} s, COPY ${copy.seconds} s (${copy.bytes} B); peak RSS ${Math.max(csv.peakRssMb, xlsx.peakRssMb)} MB`,
  );
  return { csv, xlsx, copy };
}

function p3Figures(middle: Exports, large: Exports, sizes: ServerBenchSizes): Figures {
  const n = sizes.large.toLocaleString("en-US");
  const why = "P3 compares with PostgreSQL's own COPY; run with BENCH_DATABASE_URL";
  if (!middle || !large) {
    return {
      P3csv: skipped(`CSV grant register of ${n} grants / COPY of the same query`, 2, "<=", "ratio", why),
      P3xlsx: skipped(`XLSX grant register of ${n} grants / COPY of the same query`, 5, "<=", "ratio", why),
      P3mem: skipped(
        `server peak RSS exporting ${n} grants − peak at ${sizes.middle.toLocaleString("en-US")}`,
        100,
        "<=",
        "MB",
        why,
      ),
    };
  }
  const peak = (e: NonNullable<Exports>) => Math.max(e.csv.peakRssMb, e.xlsx.peakRssMb);
  return {
    P3csv: figure(
      `CSV grant register of ${n} grants / COPY of the same query`,
      round(large.csv.seconds / large.copy.seconds),
      2,
      "<=",
      "ratio",
      { csv: large.csv, copy: large.copy },
    ),
    P3xlsx: figure(
      `XLSX grant register of ${n} grants / COPY of the same query`,
      round(large.xlsx.seconds / large.copy.seconds),
      5,
      "<=",
      "ratio",
      { xlsx: large.xlsx, copy: large.copy },
    ),
    P3mem: figure(
      `server peak RSS exporting ${n} grants − peak at ${sizes.middle.toLocaleString("en-US")}`,
      round(peak(large) - peak(middle)),
      100,
      "<=",
      "MB",
      { middle, peakMiddleMb: peak(middle), peakLargeMb: peak(large) },
    ),
  };
}
