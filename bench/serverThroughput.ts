/**
 * P1, P2 and P6 against a running portal: throughput of signed-in grantees' home page and of GET
 * /api/v1/me/grants, each against a floor served by the same server in the same run (a no-DB dynamic
 * page, a trivial JSON route), with autocannon at 50 connections; and the home page's median latency
 * at one connection. Reported as ratios; never asserted as timings in tests.
 */
import autocannon from "autocannon";
import type { CookieRoundRobin } from "./granteePool";
import { benchPassword } from "./seed/benchAccounts";
import { sumWriteStats, type RunningWriter, type WriteStats } from "./writeLoad";

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function signInCookie(base: string, email: string, password = benchPassword()): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, identifier: email, password, json: "true" }),
  });
  await res.arrayBuffer();
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c?.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return session;
}

/** One autocannon measurement. */
export interface LoadResult {
  url: string;
  connections: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  meanMs: number;
  p99Ms: number;
  requests: number;
  /** Distinct session cookies the requests carried (a pool's run). */
  distinctCookies?: number;
  /** What the background writer did during the run. */
  writes?: WriteStats;
}

/**
 * Runs autocannon after a short warm-up; any non-2xx answer or error fails the benchmark (a 302 to /login
 * would flatter it). With `pool`, every request carries the pool's next cookie (autocannon 9 calls
 * setupRequest for each request it builds, on every connection), so the connections read as many people.
 */
export async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  pool?: CookieRoundRobin,
): Promise<LoadResult> {
  const requests = pool
    ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, cookie: pool.next() } }) }]
    : undefined;
  // One request first, without a time limit: the first read of a day re-derives stale plans and creates
  // the day's notices, which must not land inside autocannon's 10-second request timeout.
  const first = await fetch(url, { headers: pool ? { ...headers, cookie: pool.next() } : headers, redirect: "manual" });
  await first.arrayBuffer();
  if (first.status !== 200) throw new Error(`${url}: HTTP ${first.status} before the load run`);
  await autocannon({
    url,
    connections: Math.min(connections, 10),
    duration: Math.max(1, Math.round(seconds / 4)),
    headers,
    requests,
  });
  const before = pool?.handedOut() ?? 0;
  const r = await autocannon({ url, connections, duration: seconds, headers, requests });
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0)
    throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return {
    url,
    connections,
    seconds,
    rps: round(r.requests.average),
    p50Ms: r.latency.p50,
    meanMs: round(r.latency.average),
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    ...(pool ? { distinctCookies: Math.min(pool.size, pool.handedOut() - before) } : {}),
  };
}

/** Seconds one load() keeps a subject busy (warm-up included, the first request allowed for), for the writer's supply. */
export function loadSeconds(seconds: number): number {
  return seconds + Math.max(1, Math.round(seconds / 4)) + 2;
}

/** Who reads during a figure's subject runs, and what is written meanwhile. */
export interface ThroughputSubject {
  /** One grantee's cookie, or a pool handed out per request. */
  readers: string | CookieRoundRobin;
  /** Started for each subject run (never for the floors, whose figure is the reference). */
  writer?: () => RunningWriter;
  cycles: number;
}

/**
 * P1 and P2 on one server for one kind of readers, 50 connections, each as A-B-B-A repeated `cycles`
 * times: the floor, the subject twice, the floor again, and the ratio of the means. Whatever drifts
 * during a run (JIT warm-up, the heap growing under load, a noisy neighbour on the machine) then weighs
 * on both sides alike instead of on whichever is measured later; measured A-B once, the same route's
 * ratio moved by a third with the order alone, and one A-B-B-A still moved by a sixth between runs on
 * this machine, hence more than one cycle.
 */
export async function measureThroughput(base: string, subject: ThroughputSubject, seconds: number) {
  const { readers, writer, cycles } = subject;
  const read = (path: string) => async (): Promise<LoadResult> => {
    const url = `${base}${path}`;
    const run = () =>
      typeof readers === "string" ? load(url, { cookie: readers }, 50, seconds) : load(url, {}, 50, seconds, readers);
    if (!writer) return run();
    const w = writer();
    const result = await run().catch(async (e: unknown) => {
      await w.stop();
      throw e;
    });
    const writes = await w.stop();
    if (writes.failures.length > 0)
      throw new Error(
        `${url}: ${writes.failures.length} writes failed: ${JSON.stringify(writes.failures.slice(0, 3))}`,
      );
    return { ...result, writes };
  };
  const P1 = await abba(() => load(`${base}/bench/floor`, {}, 50, seconds), read("/"), cycles);
  const P2 = await abba(() => load(`${base}/api/v1/bench/trivial`, {}, 50, seconds), read("/api/v1/me/grants"), cycles);
  return { P1, P2 };
}

async function abba(floor: () => Promise<LoadResult>, subject: () => Promise<LoadResult>, cycles: number) {
  const floors: LoadResult[] = [];
  const subjects: LoadResult[] = [];
  for (let c = 0; c < Math.max(1, cycles); c++) {
    floors.push(await floor());
    subjects.push(await subject(), await subject());
    floors.push(await floor());
  }
  const f = meanOf(floors);
  const s = meanOf(subjects);
  return {
    value: round(s.rps / f.rps),
    detail: { subject: s, floor: f, cycles, runs: { floor: floors, subject: subjects } },
  };
}

/** Several runs of one URL as one: mean throughput and latencies, total requests, the worst p99. */
function meanOf(runs: LoadResult[]): LoadResult {
  const mean = (pick: (r: LoadResult) => number) => round(runs.reduce((a, r) => a + pick(r), 0) / runs.length);
  return {
    url: runs[0]!.url,
    connections: runs[0]!.connections,
    seconds: runs.reduce((a, r) => a + r.seconds, 0),
    rps: mean((r) => r.rps),
    p50Ms: mean((r) => r.p50Ms),
    meanMs: mean((r) => r.meanMs),
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    ...(runs[0]!.distinctCookies === undefined
      ? {}
      : { distinctCookies: Math.min(...runs.map((r) => r.distinctCookies ?? 0)) }),
    ...(runs[0]!.writes ? { writes: sumWriteStats(runs.map((r) => r.writes!)) } : {}),
  };
}

/** P6's measurement: the home page's latency at one connection (no queueing, so the median is the page's own cost). */
export async function homeLatency(base: string, granteeCookie: string, seconds: number): Promise<LoadResult> {
  return load(`${base}/`, { cookie: granteeCookie }, 1, seconds);
}

export const round = (n: number) => Math.round(n * 1000) / 1000;
