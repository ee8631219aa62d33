/**
 * Faults against a real server process of its own (port 3277, fresh PostgreSQL database): the
 * database disappearing and coming back, and the server being killed in the middle of an import.
 * PostgreSQL sits behind a TCP forwarder the test can cut. Runs only when PostgreSQL is available
 * (VD_TEST_PG_URL or DATABASE_URL, used as the admin connection that creates the database).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { Client } from "pg";
import { freePort, hostPortOf, TcpProxy } from "../support/tcpProxy";
import { DEMO_PASSWORD, signIn } from "./support";

const ADMIN_URL = process.env.VD_TEST_PG_URL || process.env.DATABASE_URL || "";
const PORT = Number(process.env.E2E_FAULTS_PORT || 3277);
const BASE = `http://localhost:${PORT}`;
const IMPORT_ROWS = 3000;

test.describe.configure({ mode: "serial" });
test.skip(!ADMIN_URL, "needs PostgreSQL: set VD_TEST_PG_URL or DATABASE_URL");

let dbName = "";
let dbUrl = "";
let proxy: TcpProxy;
let server: ChildProcess | null = null;
let serverLog = "";
let dataDir = "";

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = [], url = dbUrl): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `npx tsx scripts/start.ts` in its own process group, so a kill reaches `next start` too. */
async function startServer(): Promise<void> {
  serverLog = "";
  server = spawn(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/start.ts"],
    {
      cwd: process.cwd(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PORT: String(PORT),
        DATA_DIR: dataDir,
        DATABASE_URL: proxy.urlFor(dbUrl),
        NEXTAUTH_URL: BASE,
        DEMO_PASSWORD,
        VD_E2E: "1",
        VD_TODAY: "2026-11-21",
        NEXT_TELEMETRY_DISABLED: "1",
        VD_REBUILD: "",
        VD_SKIP_BUILD: "1",
      },
    },
  );
  server.stdout!.on("data", (d) => (serverLog += String(d)));
  server.stderr!.on("data", (d) => (serverLog += String(d)));
  const exited = new Promise<never>((_, reject) =>
    server!.once("exit", (code) => reject(new Error(`server exited (${code}):\n${serverLog.slice(-3000)}`))),
  );
  const deadline = Date.now() + 240_000;
  const ready = (async () => {
    while (Date.now() < deadline) {
      const ok = await fetch(`${BASE}/api/v1/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`server not ready:\n${serverLog.slice(-3000)}`);
  })();
  await Promise.race([ready, exited]);
}

/** SIGKILL to the whole process group: no shutdown hooks, no chance to finish a transaction. */
async function killServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child?.pid || child.exitCode !== null) return;
  const gone = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
  await gone;
}

async function hrContext(): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier: "hr@demo.local", password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(400);
  return ctx;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dbName = `vd_faults_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  await sql(`CREATE DATABASE ${dbName}`, [], ADMIN_URL);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
  proxy = new TcpProxy(hostPortOf(dbUrl), await freePort());
  await proxy.restore();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vd-faults-"));
  await startServer();
});

test.afterAll(async () => {
  await killServer();
  await proxy?.cut();
  if (dbName) await sql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`, [], ADMIN_URL).catch(() => undefined);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test("with PostgreSQL gone, the API answers 503 DATABASE_UNAVAILABLE and pages say so; the same session works once it is back", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await signIn(page, "employee@demo.local");
  // API calls with the browser's own session cookie.
  const api = context.request;
  const grants = () => api.get("/api/v1/me/grants");
  expect((await grants()).status()).toBe(200);

  await proxy.cut();

  const down = await grants();
  expect(down.status()).toBe(503);
  expect(down.headers()["retry-after"]).toBe("5");
  expect(down.headers()["cache-control"]).toContain("no-store");
  expect((await down.json()).error).toMatchObject({
    code: "DATABASE_UNAVAILABLE",
    message: "The database is not reachable; try again shortly.",
  });
  expect((await api.get("/api/v1/health")).status()).toBe(503);

  // Pages: the data layer has seen the outage, so the proxy answers 503 with a page that says so
  // (in the reader's language) and reloads itself; a client-side navigation gets the same.
  const response = await page.goto("/");
  expect(response!.status()).toBe(503);
  expect(response!.headers()["retry-after"]).toBe("5");
  expect(response!.headers()["cache-control"]).toContain("no-store");
  expect(response!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page.getByTestId("database-unavailable")).toHaveText(/数据库暂时无法访问/);
  // In English for a reader who chose it (the language cookie; the sign-in page is down too).
  const english = await api.get("/login", { headers: { cookie: "vd_locale=en" }, maxRedirects: 0 });
  expect(english.status()).toBe(503);
  expect(await english.text()).toContain("The database is temporarily unavailable");
  const rsc = await api.get("/grants", { headers: { RSC: "1" } });
  expect(rsc.status()).toBe(503);

  await proxy.restore();

  // The open outage page notices by itself (it reloads; the server has checked the database again).
  await expect(page.getByTestId("home-heading")).toBeVisible({ timeout: 30_000 });
  const up = await grants();
  expect(up.status()).toBe(200);
  expect((await up.json()).items.length).toBeGreaterThan(0);
  await page.goto("/blackouts");
  await expect(page.locator("main").first()).toBeVisible();
  expect(page.url()).toContain("/blackouts");
  await context.close();
});

test("a server killed in the middle of a 3,000-row import leaves all of it or none, and what was committed stays", async () => {
  test.setTimeout(300_000);
  const [plan] = await sql<{ id: string; issuer_id: string }>(
    `SELECT id, issuer_id FROM plans WHERE name_en LIKE '2026%'`,
  );
  // 3,000 more people, so that the list is large (the demo company has 300).
  await sql(
    `INSERT INTO persons (issuer_id, employee_no, name, position, nationality)
     SELECT $1, 'F' || lpad(i::text, 5, '0'), '压测员工' || i, '工程师', 'CN' FROM generate_series(1, $2::int) AS i`,
    [plan!.issuer_id, IMPORT_ROWS],
  );
  const rowsOf = (from: number, to: number, quantity: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => ({
      employeeNo: `F${String(from + k).padStart(5, "0")}`,
      name: `压测员工${from + k}`,
      nationality: "CN",
      position: "工程师",
      categoryId: 1,
      quantity,
    }));
  const versions = async () =>
    sql<{ version: number; entries: number }>(
      `SELECT v.version, count(e.*)::int AS entries FROM participant_list_versions v LEFT JOIN participant_list_entries e ON e.list_version_id = v.id
      WHERE v.plan_id = $1 AND v.batch = 'first' GROUP BY v.version ORDER BY v.version`,
      [plan!.id],
    );
  const applyAudits = async () =>
    Number(
      (await sql<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE action = 'participants.apply'`))[0]!.n,
    );

  // A committed import first: it must survive the crash.
  let hr = await hrContext();
  const committed = await hr.post(`/api/v1/plans/${plan!.id}/participants`, {
    data: { rows: rowsOf(1, 5, 1000), batch: "first" },
  });
  expect(committed.status(), await committed.text()).toBe(201);
  const before = await versions();
  const auditsBefore = await applyAudits();
  expect(before.at(-1)).toEqual({ version: 2, entries: 5 });

  // Hold the big import inside its transaction: after inserting the entries the statement sleeps.
  await sql(
    `CREATE FUNCTION vd_faults_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(8); RETURN NULL; END $$`,
  );
  await sql(
    `CREATE TRIGGER vd_faults_slow AFTER INSERT ON participant_list_entries FOR EACH STATEMENT EXECUTE FUNCTION vd_faults_slow()`,
  );
  const big = hr
    .post(`/api/v1/plans/${plan!.id}/participants`, {
      data: { rows: rowsOf(1, IMPORT_ROWS, 100), batch: "first" },
      timeout: 120_000,
    })
    .then(
      (r) => `answered ${r.status()}`,
      (e: Error) => `failed: ${e.message.split("\n")[0]}`,
    );
  const sleeping = async () =>
    Number(
      (
        await sql<{ n: string }>(
          `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep'`,
          [dbName],
        )
      )[0]!.n,
    );
  await expect.poll(sleeping, { timeout: 60_000, intervals: [100] }).toBe(1);

  await killServer();
  expect(await big).toMatch(/^failed/);
  // PostgreSQL ends the dead client's transaction once its statement returns.
  await expect
    .poll(
      async () =>
        Number(
          (
            await sql<{ n: string }>(
              `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid()`,
              [dbName],
            )
          )[0]!.n,
        ),
      { timeout: 60_000 },
    )
    .toBe(0);
  await sql(`DROP TRIGGER vd_faults_slow ON participant_list_entries`);

  const after = await versions();
  const auditsAfter = await applyAudits();
  const wholeImport =
    after.length === before.length + 1 && after.at(-1)!.entries === IMPORT_ROWS && auditsAfter === auditsBefore + 1;
  const nothing = after.length === before.length && auditsAfter === auditsBefore;
  expect(wholeImport || nothing, JSON.stringify({ before, after, auditsBefore, auditsAfter })).toBe(true);
  expect(after.slice(0, before.length)).toEqual(before);

  // Restarted, the same import goes through as the next version, complete.
  await startServer();
  await hr.dispose();
  hr = await hrContext();
  const again = await hr.post(`/api/v1/plans/${plan!.id}/participants`, {
    data: { rows: rowsOf(1, IMPORT_ROWS, 100), batch: "first" },
    timeout: 120_000,
  });
  expect([200, 201], await again.text()).toContain(again.status());
  const final = await versions();
  // Either way the newest version is the whole list: written now, or (had the killed one committed) unchanged.
  expect(final.at(-1)).toEqual({ version: 3, entries: IMPORT_ROWS });
  await hr.dispose();
});
