/**
 * P1 and P2: a signed-in grantee's home page and GET /api/v1/me/grants, each against a floor served by
 * the same server in the same run (a no-DB dynamic page, a trivial JSON route), with autocannon at
 * 50 connections. Reported as ratios; never asserted as timings in tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const PASSWORD = "vesting-demo";

export type ThroughputResult = { name: string; target: number; ratio: number; subjectRps: number; floorRps: number; subjectP50Ms: number };

async function waitForHealth(base: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function signInCookie(base: string, email: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, identifier: email, password: PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return session;
}

async function measure(url: string, headers: Record<string, string>, seconds: number) {
  await autocannon({ url, connections: 10, duration: 2, headers }); // warm-up
  const r = await autocannon({ url, connections: 50, duration: seconds, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50 };
}

/** Starts `npm start` on a fresh embedded database, measures, stops it. */
export async function runServerThroughputBench(seconds = Number(process.env.BENCH_SECONDS || 10)): Promise<ThroughputResult[]> {
  const port = 3400 + Math.floor(Math.random() * 500);
  const base = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vd-bench-"));
  const server: ChildProcess = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, VD_BENCH: "1", VD_TODAY: process.env.VD_TODAY || "2026-11-21", NEXTAUTH_URL: base, DATABASE_URL: process.env.BENCH_DATABASE_URL || "" },
    stdio: ["ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitForHealth(base, 600_000);
    const cookie = { cookie: await signInCookie(base, "employee@demo.local") };
    const floorPage = await measure(`${base}/bench/floor`, {}, seconds);
    const home = await measure(`${base}/`, cookie, seconds);
    const floorJson = await measure(`${base}/api/v1/bench/trivial`, {}, seconds);
    const myGrants = await measure(`${base}/api/v1/me/grants`, cookie, seconds);
    return [
      { name: "P1 grantee home / no-DB dynamic page (throughput)", target: 0.5, ratio: round(home.rps / floorPage.rps), subjectRps: round(home.rps), floorRps: round(floorPage.rps), subjectP50Ms: home.p50 },
      { name: "P2 GET /api/v1/me/grants / trivial JSON route (throughput)", target: 0.7, ratio: round(myGrants.rps / floorJson.rps), subjectRps: round(myGrants.rps), floorRps: round(floorJson.rps), subjectP50Ms: myGrants.p50 },
    ];
  } finally {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // Already gone: the original error, if any, is the one to report.
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
