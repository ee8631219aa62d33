#!/usr/bin/env node
/**
 * npm test: typecheck, lint, unit tests, DB tests on PGlite and (when reachable) PostgreSQL, then
 * Playwright e2e in Chromium. Ends with one line "N passed, N failed" over every suite.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = process.cwd();
const out = path.join(root, "test-results");
fs.mkdirSync(out, { recursive: true });
const tally = { passed: 0, failed: 0, skipped: 0 };
const summary = [];

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env }, cwd: root }).status ?? 1;
}

function check(name, cmd, args) {
  const ok = run(cmd, args) === 0;
  tally[ok ? "passed" : "failed"]++;
  summary.push(`${name}: ${ok ? "passed" : "FAILED"}`);
}

function countVitest(name, file, status) {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    tally.passed += r.numPassedTests;
    tally.failed += r.numFailedTests;
    tally.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    // A file that failed to load reports no tests: count it as a failure, never as nothing.
    const broken = r.testResults.filter((t) => t.status === "failed" && t.assertionResults.length === 0).length;
    tally.failed += broken;
    summary.push(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed`);
  } catch {
    tally.failed++;
    summary.push(`${name}: did not report (exit ${status})`);
  }
}

function vitest(project, env = {}) {
  const file = path.join(out, `vitest-${project}.json`);
  fs.rmSync(file, { force: true });
  const status = run(
    "npx",
    ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
    env,
  );
  countVitest(
    project === "db" && env.VD_TEST_PG_URL ? "db (PGlite + PostgreSQL)" : project === "db" ? "db (PGlite)" : project,
    file,
    status,
  );
}

function portOpen(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
    s.on("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function postgresAdminUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  return (await portOpen("127.0.0.1", 5432)) ? "postgres://postgres@127.0.0.1:5432/postgres" : null;
}

function chromiumPath() {
  const candidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  const cjkFont = spawnSync("sh", ["-c", "fc-list :lang=zh | grep -q ."]).status === 0;
  if (fs.existsSync(candidate) && cjkFont) return candidate;
  if (process.getuid?.() === 0) {
    console.log("Chromium or a CJK font is missing; installing Debian's chromium and fonts-noto-cjk…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], { DEBIAN_FRONTEND: "noninteractive" });
    if (fs.existsSync(candidate)) return candidate;
  }
  if (fs.existsSync(candidate)) {
    console.log("No CJK font found (fonts-noto-cjk): Chinese screenshots will show empty boxes.");
    return candidate;
  }
  console.error(
    `Chromium not found at ${candidate}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  return null;
}

async function withFreshPgDatabase(adminUrl, fn) {
  const { default: pg } = await import("pg");
  const name = `vd_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    const drop = new pg.Client({ connectionString: adminUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  }
}

function e2e(env) {
  const file = path.join(out, "e2e-results.json");
  fs.rmSync(file, { force: true });
  const status = run("npx", ["playwright", "test"], {
    ...env,
    E2E_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "vd-e2e-")),
  });
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    const s = r.stats;
    tally.passed += s.expected;
    tally.failed += s.unexpected + s.flaky;
    tally.skipped += s.skipped;
    if (status !== 0 && s.unexpected === 0) tally.failed++;
    summary.push(
      `e2e${env.DATABASE_URL ? " (PostgreSQL)" : " (PGlite)"}: ${s.expected} passed, ${s.unexpected + s.flaky} failed`,
    );
  } catch {
    tally.failed++;
    summary.push(`e2e: did not report (exit ${status})`);
  }
}

check("typecheck", "npx", ["tsc", "--noEmit"]);
check("lint", "npx", ["eslint", "."]);
check("format", "npx", ["prettier", "--check", "."]);
check("dead code (knip)", "npx", ["knip", "--no-progress", "--exclude", "types,devDependencies"]);
// npm audit at level high (scripts/audit-deps.mjs): exit 0 clean, 1 advisories found; 3 when the registry
// refuses the audit endpoint and 2 when it cannot run at all, counted as skipped and said so, never as passed.
{
  const status = run("node", ["scripts/audit-deps.mjs", "--strict"]);
  if (status === 0 || status === 1) {
    tally[status === 0 ? "passed" : "failed"]++;
    summary.push(`dependency audit (npm audit, high): ${status === 0 ? "passed" : "FAILED"}`);
  } else {
    tally.skipped++;
    summary.push(
      `dependency audit (npm audit, high): NOT RUN (${status === 3 ? "the registry refused the audit endpoint" : "npm audit could not run"}; see the warning above)`,
    );
  }
}
vitest("unit");
const adminUrl = await postgresAdminUrl();
if (!adminUrl)
  console.log("PostgreSQL not reachable on 127.0.0.1:5432 and DATABASE_URL unset: DB tests run on PGlite only.");
vitest("db", adminUrl ? { VD_TEST_PG_URL: adminUrl } : {});
const chromium = chromiumPath();
if (!chromium) {
  tally.failed++;
  summary.push("e2e: Chromium missing");
} else if (process.env.DATABASE_URL) {
  await withFreshPgDatabase(process.env.DATABASE_URL, async (url) =>
    e2e({ CHROMIUM_PATH: chromium, DATABASE_URL: url, VD_TEST_PG_URL: adminUrl }),
  );
} else {
  // The fault-injection specs need a PostgreSQL server of their own to cut; they skip without one.
  e2e({ CHROMIUM_PATH: chromium, DATABASE_URL: "", ...(adminUrl ? { VD_TEST_PG_URL: adminUrl } : {}) });
}

// The benchmarks at smoke size (about two minutes, after e2e so the production build exists): they must
// keep working; their figures are reported in bench/results.smoke.json, never asserted here.
{
  const ok =
    run(
      "npm",
      ["run", "bench", "--", "--smoke"],
      adminUrl ? { BENCH_DATABASE_URL: adminUrl, VD_SKIP_BUILD: "" } : {},
    ) === 0;
  tally[ok ? "passed" : "failed"]++;
  summary.push(`bench smoke: ${ok ? "passed" : "FAILED"}`);
}

console.log("\n" + summary.join("\n"));
if (tally.skipped) console.log(`(${tally.skipped} skipped)`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed > 0 ? 1 : 0);
