/**
 * npm start: production build when the sources changed, secrets, migrations, demo seed into an
 * empty database, then `next start` on PORT (default 3000). DATABASE_URL unset means the embedded
 * PGlite database under DATA_DIR (default ./.data).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { DEMO_ACCOUNTS, demoPassword, seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { loadOrCreateSecret } from "@/lib/platform/secrets";

const root = process.cwd();
const port = process.env.PORT || "3000";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "lib",
  "db",
  "i18n",
  "messages",
  "types",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs);
}

function buildIfStale() {
  // The benchmark builds apart (next.config.js: VD_BENCH_BUILD adds its floor routes, in .next-bench).
  const buildId = path.join(root, process.env.VD_BENCH_BUILD === "1" ? ".next-bench" : ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  // A second server started beside a running one (fault tests, benchmarks) must never rebuild under it.
  if (built > 0 && process.env.VD_SKIP_BUILD === "1") return;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built > sources && process.env.VD_REBUILD !== "1") return;
  console.log("[start] building the portal (production build)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Query plans depend on table statistics that autovacuum keeps current. Where a server runs with it
 * off, the grantee's query was measured scanning every grant (3 s at 100,000 grants) instead of 2 ms.
 */
async function warnWithoutAutovacuum(handle: ReturnType<typeof openDatabase>) {
  const result = (await handle.db.execute(sql`SELECT current_setting('autovacuum') AS autovacuum`)) as unknown as {
    rows: { autovacuum: string }[];
  };
  if (result.rows[0]?.autovacuum === "off") {
    console.warn(
      "[start] WARNING: PostgreSQL runs with autovacuum off, so table statistics go stale and queries slow down as data grows.",
    );
    console.warn(
      "[start]          Turn it on (autovacuum = on) or run ANALYZE after large imports and regularly (e.g. nightly).",
    );
  }
}

async function prepareDatabase() {
  const handle = openDatabase();
  try {
    const n = await applyMigrations(handle);
    console.log(`[start] database: ${handle.kind}, ${n} migrations applied`);
    if (handle.kind === "postgres") await warnWithoutAutovacuum(handle);
    if (process.env.VD_DEMO === "0") return;
    const seeded = await seedDemoIfEmpty(handle.db);
    console.log(
      seeded ? "[start] demo data seeded into the empty database" : "[start] database already has data; no demo seed",
    );
    console.log("");
    console.log("  ⚠  DEMO DATA: a fictional company. Do not enter real personal data.");
    console.log(`  Demo logins (password "${demoPassword()}"):`);
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.email.padEnd(24)} ${a.roles.join(", ")}`);
    console.log("");
  } finally {
    await handle.close();
  }
}

async function main() {
  for (const [env, file, label] of [
    ["NEXTAUTH_SECRET", "nextauth-secret", "session signing secret"],
    ["ID_ENCRYPTION_KEY", "id-number-key", "ID-number encryption key"],
  ] as const) {
    const secret = loadOrCreateSecret(env, file);
    if (secret.source === "created")
      console.log(`[start] generated a ${label} into ${secret.file} (set ${env} to use your own; keep that file safe)`);
    process.env[env] = secret.value;
  }
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
  buildIfStale();
  await prepareDatabase();
  console.log(`[start] Vesting Desk on http://localhost:${port}`);
  const child = spawn(process.execPath, [nextBin, "start", "-p", port], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error("[start] failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
