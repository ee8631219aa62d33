/**
 * npm run bench [-- --smoke]: every benchmark of issue #8 in one run, each figure a ratio (or time, or
 * memory) against its target measured in the same run, written to bench/results.json and the table in
 * BENCHMARKS.md. Never timed assertions in tests.
 *
 * Backends: PGlite always; PostgreSQL too when BENCH_DATABASE_URL names a server on which the bench may
 * create and drop its own databases. --smoke (or BENCH_SMOKE=1): small sizes, 3-second load runs, one
 * backend (PostgreSQL when BENCH_DATABASE_URL is set, so that P3 is produced), results.smoke.json only.
 */
import "./serverOnlyStub";
import pg from "pg";
import type { DatabaseKind } from "@/db/client";
import { runEngineBench } from "./engine.bench";
import { benchBackends, ensureBenchSecrets } from "./benchDatabase";
import { measureColdStart } from "./coldStart";
import { runImportBench } from "./importBench";
import { writeProjection } from "./projection";
import { environmentFacts, figure, writeReport, type BenchReport, type Figures } from "./results";
import { runServerBench, type ServerBenchSizes } from "./serverBench";

const AS_OF = process.env.VD_TODAY || "2026-11-21";

const FULL: ServerBenchSizes & { importRows: number; importGrants: number } = {
  employees: 10_000,
  small: 1_000,
  middle: 10_000,
  large: 100_000,
  seconds: 10,
  exportRuns: 2,
  throughputCycles: 2,
  importRows: 10_000,
  importGrants: 10_000,
};
// 900 grants already hold the grantee's four grants (plans 1-4), so P6 compares the same grants here too.
// Every employee gets a login, so that the smoke size too has its 200 grantees for P1 and P2.
const SMOKE: typeof FULL = {
  employees: 400,
  users: 400,
  small: 900,
  middle: 1_200,
  large: 2_000,
  seconds: 3,
  exportRuns: 1,
  throughputCycles: 1,
  importRows: 300,
  importGrants: 300,
};

async function postgresVersion(): Promise<string | null> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return String((await client.query("SHOW server_version")).rows[0]?.server_version ?? "unknown");
  } finally {
    await client.end();
  }
}

async function main() {
  const started = performance.now();
  const smoke = process.argv.includes("--smoke") || process.env.BENCH_SMOKE === "1";
  const sizes = smoke ? SMOKE : FULL;
  const backends: DatabaseKind[] = smoke
    ? [benchBackends().includes("postgres") ? "postgres" : "pglite"]
    : benchBackends();
  ensureBenchSecrets();
  console.log(`[bench] ${smoke ? "smoke" : "full"} run on ${backends.join(" + ")}, as of ${AS_OF}`);

  const engine = runEngineBench();
  console.log(`[bench] P5 engine: ${engine.seconds} s`);
  const byBackend: Record<string, Figures> = {};
  for (const kind of backends) {
    const figures = await runServerBench(kind, sizes, AS_OF);
    const p4 = await runImportBench(kind, sizes.importRows, sizes.importGrants);
    console.log(`[bench ${kind}] P4 import of ${p4.rows} rows: ${p4.seconds.total} s`);
    byBackend[kind] = {
      ...figures,
      P4: figure(
        `${sizes.importRows.toLocaleString("en-US")}-row participant XLSX, preview + apply`,
        p4.seconds.total,
        10,
        "<=",
        "s",
        p4,
      ),
      P5: figure("engine over 50,000 grants × 3 tranches (one core)", engine.seconds, 1, "<=", "s"),
    };
  }
  const cold = await measureColdStart();
  console.log(`[bench] cold start: ${cold.seconds} s`);
  for (const kind of backends)
    byBackend[kind]!.coldStart = figure(
      "`npm start` to the first 200 on /login, fresh embedded DB, build present",
      cold.seconds,
      null,
      "report",
      "s",
    );

  const primary = backends.includes("postgres") ? "postgres" : backends[0]!;
  const report: BenchReport = {
    ...environmentFacts(await postgresVersion()),
    date: new Date().toISOString(),
    smoke,
    sizes: {
      employees: sizes.employees,
      "grants (P6 small)": sizes.small,
      "grants (P3 small; P1, P2 on PGlite)": sizes.middle,
      // Named as before: bench/projection.ts reads this key. On PGlite, P1 and P2 are at the middle size.
      "grants (P1, P2, P3, P6 large)": sizes.large,
      "P4 rows": sizes.importRows,
    },
    figures: byBackend[primary]!,
    byBackend,
    seconds: Math.round(performance.now() - started) / 1000,
  };
  const file = writeReport(report);
  if (!smoke) writeProjection(report);
  for (const [kind, figures] of Object.entries(byBackend)) {
    for (const [id, f] of Object.entries(figures))
      console.log(
        `[bench ${kind}] ${id.padEnd(9)} ${String(f.value ?? "—").padStart(8)} ${f.unit.padEnd(5)} target ${f.comparison} ${f.target ?? "—"}  ${f.pass === null ? (f.note ?? "") : f.pass ? "pass" : "FAIL"}`,
      );
  }
  console.log(`[bench] wrote ${file} in ${report.seconds} s`);
}

main().catch((e) => {
  console.error("[bench] failed:", e);
  process.exit(1);
});
