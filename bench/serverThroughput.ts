/**
 * P1, P2 and P6 against a running portal: throughput of a signed-in grantee's home page and of GET
 * /api/v1/me/grants, each against a floor served by the same server in the same run (a no-DB dynamic
 * page, a trivial JSON route), with autocannon at 50 connections; and the home page's median latency
 * at one connection. Reported as ratios; never asserted as timings in tests.
 */
import autocannon from "autocannon";
import { benchPassword } from "./seed/benchAccounts";

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function signInCookie(base: string, email: string, password = benchPassword()): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, identifier: email, password, json: "true" }),
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return session;
}

/** One autocannon measurement. */
export interface LoadResult { url: string; connections: number; seconds: number; rps: number; p50Ms: number; meanMs: number; p99Ms: number; requests: number }

/** Runs autocannon after a short warm-up; any non-2xx answer or error fails the benchmark (a 302 to /login would flatter it). */
export async function load(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LoadResult> {
  // One request first, without a time limit: the first read of a day re-derives stale plans and creates
  // the day's notices, which must not land inside autocannon's 10-second request timeout.
  const first = await fetch(url, { headers, redirect: "manual" });
  await first.arrayBuffer();
  if (first.status !== 200) throw new Error(`${url}: HTTP ${first.status} before the load run`);
  await autocannon({ url, connections: Math.min(connections, 10), duration: Math.max(1, Math.round(seconds / 4)), headers });
  const r = await autocannon({ url, connections, duration: seconds, headers });
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { url, connections, seconds, rps: round(r.requests.average), p50Ms: r.latency.p50, meanMs: round(r.latency.average), p99Ms: r.latency.p99, requests: r.requests.total };
}

/** P1 and P2 on one server: subject and floor measured back to back, 50 connections each. */
export async function measureThroughput(base: string, granteeCookie: string, seconds: number) {
  const cookie = { cookie: granteeCookie };
  const floorPage = await load(`${base}/bench/floor`, {}, 50, seconds);
  const home = await load(`${base}/`, cookie, 50, seconds);
  const floorJson = await load(`${base}/api/v1/bench/trivial`, {}, 50, seconds);
  const myGrants = await load(`${base}/api/v1/me/grants`, cookie, 50, seconds);
  return {
    P1: { value: round(home.rps / floorPage.rps), detail: { subject: home, floor: floorPage } },
    P2: { value: round(myGrants.rps / floorJson.rps), detail: { subject: myGrants, floor: floorJson } },
  };
}

/** P6's measurement: the home page's latency at one connection (no queueing, so the median is the page's own cost). */
export async function homeLatency(base: string, granteeCookie: string, seconds: number): Promise<LoadResult> {
  return load(`${base}/`, { cookie: granteeCookie }, 1, seconds);
}

export const round = (n: number) => Math.round(n * 1000) / 1000;
