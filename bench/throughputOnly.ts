/**
 * npm run bench:throughput [-- --kind postgres|pglite --grants N --cycles N --seconds N]: P1 and P2 alone
 * (read-only, with writes, one grantee) on one backend, for trying a change in minutes instead of the full
 * run's half hour. Seeds a fresh bench database, starts the bench build, measures, prints the figures and
 * drops everything. Writes no results file: only `npm run bench` records figures.
 */
import "./serverOnlyStub";
import type { DatabaseKind } from "@/db/client";
import { createBenchDatabase, ensureBenchSecrets, openBenchDatabase } from "./benchDatabase";
import { BENCH_GRANTEE_EMAIL } from "./seed/benchAccounts";
import { seedBenchCompany } from "./seed/seedBench";
import { startServer } from "./serverProcess";
import { prepareThroughput, throughputFigures } from "./throughputFigures";

const AS_OF = process.env.VD_TODAY || "2026-11-21";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

function whole(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

async function main() {
  const kind = option("kind", process.env.BENCH_DATABASE_URL ? "postgres" : "pglite") as DatabaseKind;
  if (kind !== "postgres" && kind !== "pglite") throw new Error("--kind is postgres or pglite");
  const grants = whole("grants", 10_000);
  const cycles = whole("cycles", 1);
  const seconds = whole("seconds", 10);
  ensureBenchSecrets();
  const location = await createBenchDatabase(kind, "tp");
  try {
    const handle = await openBenchDatabase(location);
    let prep;
    try {
      await seedBenchCompany(handle.db, { employees: 10_000, grants, asOf: AS_OF });
      prep = await prepareThroughput(handle.db, seconds, cycles);
    } finally {
      await handle.close();
    }
    const server = await startServer({
      dataDir: location.dataDir,
      databaseUrl: location.url,
      env: { VD_BENCH_BUILD: "1", VD_TODAY: AS_OF, VD_DEMO: "0" },
      label: `${kind} server`,
    });
    try {
      const figures = await throughputFigures(kind, server.base, prep, {
        seconds,
        cycles,
        grants,
        oneGranteeEmail: BENCH_GRANTEE_EMAIL,
        asOf: AS_OF,
      });
      for (const [id, f] of Object.entries(figures))
        console.log(
          `[throughput ${kind}] ${id.padEnd(6)} ${String(f.value).padStart(6)}  target ${f.comparison} ${f.target ?? "—"}  ${f.pass === null ? "" : f.pass ? "pass" : "FAIL"}`,
        );
    } finally {
      await server.stop();
    }
  } finally {
    await location.drop();
  }
}

main().catch((e) => {
  console.error("[throughput] failed:", e);
  process.exit(1);
});
