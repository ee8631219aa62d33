/**
 * The figures that need a running portal, for one backend: the bench company is seeded small, the
 * server started, P6's small measurement taken; the company is topped up to the middle size for P3's
 * smaller export (PostgreSQL only), then to the large size for P6 and P3's large export. A top-up only
 * adds grants, so the grantee measured for P6 holds the same grants at both sizes. P1 and P2 are
 * measured on PostgreSQL at the large size, last; on PGlite at the middle size (the embedded database is
 * the single-user default, nearer the demo's scale; docs/scaling.md sends large deployments to
 * PostgreSQL), on a database of their own seeded to that size.
 */
import { sql } from "drizzle-orm";
import type { Database, DatabaseKind } from "@/db/client";
import { BENCH_GRANTEE_EMAIL, BENCH_STAFF } from "./seed/benchAccounts";
import { seedBenchCompany } from "./seed/seedBench";
import { createBenchDatabase, openBenchDatabase, type BenchDatabaseLocation } from "./benchDatabase";
import { bestDownload, timeCopy } from "./exportBench";
import { figure, skipped, type Figures } from "./results";
import { startServer, type BenchServer } from "./serverProcess";
import { homeLatency, round, signInCookie } from "./serverThroughput";
import { prepareThroughput, throughputFigures, type ThroughputPreparation } from "./throughputFigures";

export interface ServerBenchSizes {
  employees: number;
  /** Logins to seed (default: one employee in ten); the smoke size needs more for its grantee pool. */
  users?: number;
  small: number;
  middle: number;
  large: number;
  seconds: number;
  exportRuns: number;
  throughputCycles: number;
}

/** Grants in the database while P1 and P2 are measured on this backend. */
export function throughputGrants(kind: DatabaseKind, sizes: ServerBenchSizes): number {
  return kind === "pglite" ? sizes.middle : sizes.large;
}

const log = (kind: string, message: string) => console.log(`[bench ${kind}] ${message}`);

/** Seeds, starts, measures and cleans up; the databases and the servers are gone afterwards whatever happens. */
export async function runServerBench(kind: DatabaseKind, sizes: ServerBenchSizes, asOf: string): Promise<Figures> {
  const build = { started: false };
  const atThroughput = throughputGrants(kind, sizes);
  const throughput = (site: BenchSite) =>
    throughputFigures(kind, site.server!.base, site.prepared!, {
      seconds: sizes.seconds,
      cycles: sizes.throughputCycles,
      grants: atThroughput,
      oneGranteeEmail: BENCH_GRANTEE_EMAIL,
      asOf,
    });
  let throughputs: Figures | null = null;
  const main = await benchSite(kind, sizes, asOf, build);
  let figures: Figures;
  try {
    let s = await main.seed(sizes.small);
    const grantee = await signInCookie(s.base, BENCH_GRANTEE_EMAIL);
    const smallLatency = await homeLatency(s.base, grantee, sizes.seconds);
    log(kind, `P6 home page p50 at ${sizes.small} grants: ${smallLatency.p50Ms} ms`);

    // PGlite has no COPY to compare the exports with: nothing is measured at its middle size here.
    const middleExports =
      kind === "postgres"
        ? await exportsAt(kind, await main.seed(sizes.middle), main.location, sizes.exportRuns)
        : null;

    s = await main.seed(sizes.large, atThroughput === sizes.large);
    const granteeLarge = await signInCookie(s.base, BENCH_GRANTEE_EMAIL);
    const largeLatency = await homeLatency(s.base, granteeLarge, sizes.seconds);
    log(kind, `P6 home page p50 at ${sizes.large} grants: ${largeLatency.p50Ms} ms`);
    // Exports before the load runs: 50 connections grow the server's heap, which would be charged to
    // the 100k export's peak memory and not to anything the export does.
    const largeExports = await exportsAt(kind, s, main.location, sizes.exportRuns);
    if (atThroughput === sizes.large) throughputs = await throughput(main);

    figures = {
      ...p3Figures(middleExports, largeExports, sizes),
      dbSize: figure(
        `database size with ${sizes.large.toLocaleString("en-US")} grants (all tables, indexes included)`,
        round(Object.values(main.tables).reduce((a, t) => a + t.bytes, 0) / 2 ** 20),
        null,
        "report",
        "MB",
        main.tables,
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
  } finally {
    await main.close();
  }
  if (!throughputs) {
    // Measured below the large size on a database of its own: its writes (disclosures on the grantee's
    // plans among them) must not reach the grantee whose page P6 compares at two sizes.
    const own = await benchSite(kind, sizes, asOf, build);
    try {
      await own.seed(atThroughput, true);
      throughputs = await throughput(own);
    } finally {
      await own.close();
    }
  }
  return { ...throughputs, ...figures };
}

type BenchSite = Awaited<ReturnType<typeof benchSite>>;

/**
 * A bench database and its portal: seeded, then topped up step by step; PGlite's server stops while the
 * seed writes (one process at a time), PostgreSQL's keeps running. Only the first start of a run may
 * build, so every figure measures the same build.
 */
async function benchSite(kind: DatabaseKind, sizes: ServerBenchSizes, asOf: string, build: { started: boolean }) {
  const location = await createBenchDatabase(kind, "server");
  const site = {
    location,
    server: null as BenchServer | null,
    tables: {} as Record<string, { rows: number; bytes: number }>,
    prepared: null as ThroughputPreparation | null,
    /** Seeds or tops up to `grants`; `forThroughput` also prepares P1 and P2's pool and writer. */
    async seed(grants: number, forThroughput = false): Promise<BenchServer> {
      if (kind === "pglite" && site.server) {
        await site.server.stop();
        site.server = null;
      }
      const result = await seedInto(location, sizes, grants, asOf, forThroughput);
      site.tables = result.tables;
      site.prepared = result.throughput ?? site.prepared;
      log(
        kind,
        `${result.toppedUp ? "topped up" : "seeded"} to ${grants.toLocaleString("en-US")} grants in ${result.seconds.total} s`,
      );
      if (site.server) return site.server;
      log(
        kind,
        `starting the portal (npm start${build.started ? ", same build" : "; builds when the sources changed"})…`,
      );
      site.server = await startServer({
        dataDir: location.dataDir,
        databaseUrl: location.url,
        env: { VD_BENCH_BUILD: "1", VD_TODAY: asOf, VD_DEMO: "0", ...(build.started ? { VD_SKIP_BUILD: "1" } : {}) },
        label: `${kind} server`,
      });
      build.started = true;
      log(kind, `portal up at ${site.server.base} in ${site.server.startMs} ms`);
      return site.server;
    },
    async close() {
      if (site.server) await site.server.stop();
      site.server = null;
      await location.drop();
    },
  };
  return site;
}

/** Seeds or tops up; at the size P1 and P2 are measured at, also prepares their pool and writer in the same handle. */
async function seedInto(
  location: BenchDatabaseLocation,
  sizes: ServerBenchSizes,
  grants: number,
  asOf: string,
  forThroughput: boolean,
) {
  const handle = await openBenchDatabase(location);
  try {
    const result = await seedBenchCompany(handle.db, { employees: sizes.employees, users: sizes.users, grants, asOf });
    const throughput = forThroughput
      ? await prepareThroughput(handle.db, sizes.seconds, sizes.throughputCycles)
      : undefined;
    return { ...result, throughput, tables: await tableSizes(handle.db) };
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
