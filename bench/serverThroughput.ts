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

/**
 * P1 and P2 on one server, 50 connections, each as A-B-B-A: the floor, the subject twice, the floor again,
 * and the ratio of the means. Whatever drifts during a run (JIT warm-up, the heap growing under load, a
 * noisy neighbour on the machine) then weighs on both sides alike instead of on whichever is measured
 * later; measured A-B once, the same route's ratio moved by a third with the order alone.
 */
export async function measureThroughput(base: string, granteeCookie: string, seconds: number) {
  const cookie = { cookie: granteeCookie };
  const P1 = await abba(() => load(`${base}/bench/floor`, {}, 50, seconds), () => load(`${base}/`, cookie, 50, seconds));
  const P2 = await abba(() => load(`${base}/api/v1/bench/trivial`, {}, 50, seconds), () => load(`${base}/api/v1/me/grants`, cookie, 50, seconds));
  return { P1, P2 };
}

async function abba(floor: () => Promise<LoadResult>, subject: () => Promise<LoadResult>) {
  const f1 = await floor();
  const s1 = await subject();
  const s2 = await subject();
  const f2 = await floor();
  const f = meanOf(f1, f2);
  const s = meanOf(s1, s2);
  return { value: round(s.rps / f.rps), detail: { subject: s, floor: f, runs: { floor: [f1, f2], subject: [s1, s2] } } };
}

/** Two runs of one URL as one: mean throughput and latencies, total requests, the worse p99. */
function meanOf(a: LoadResult, b: LoadResult): LoadResult {
  return {
    url: a.url, connections: a.connections, seconds: a.seconds + b.seconds, rps: round((a.rps + b.rps) / 2), p50Ms: round((a.p50Ms + b.p50Ms) / 2),
    meanMs: round((a.meanMs + b.meanMs) / 2), p99Ms: Math.max(a.p99Ms, b.p99Ms), requests: a.requests + b.requests,
  };
}

/** P6's measurement: the home page's latency at one connection (no queueing, so the median is the page's own cost). */
export async function homeLatency(base: string, granteeCookie: string, seconds: number): Promise<LoadResult> {
  return load(`${base}/`, { cookie: granteeCookie }, 1, seconds);
}

export const round = (n: number) => Math.round(n * 1000) / 1000;
