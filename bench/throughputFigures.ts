/**
 * P1 and P2 as figures, for one backend at the size it is measured at: a pool of signed-in grantees
 * read-only (P1, P2), the same pool while grants are being written (P1w, P2w), and one grantee alone as
 * the figures were first measured (P1one, P2one, reported). Targets depend on the backend: the embedded
 * database serialises every query on the server's one thread, so its targets are lower.
 */
import type { Database, DatabaseKind } from "@/db/client";
import { POOL_SIZE, granteeLogins, roundRobin, signInAll, type GranteeLogin } from "./granteePool";
import { figure, type Figures } from "./results";
import { BENCH_STAFF } from "./seed/benchAccounts";
import { loadSeconds, measureThroughput, round, signInCookie } from "./serverThroughput";
import { WRITES_PER_SECOND, acceptancesNeeded, writeLoad } from "./writeLoad";
import { prepareWritePlan, type WritePlan } from "./writePlan";

export const THROUGHPUT_TARGETS: Record<DatabaseKind, { P1: number; P2: number }> = {
  postgres: { P1: 0.5, P2: 0.7 },
  pglite: { P1: 0.35, P2: 0.6 },
};

/** What the seed's handle prepares for the figures: the reading pool and the writer's grants. */
export interface ThroughputPreparation {
  pool: GranteeLogin[];
  loginsWithGrants: number;
  plan: WritePlan;
}

export interface ThroughputOptions {
  seconds: number;
  cycles: number;
  /** Grants in the database while measured, for the figures' descriptions. */
  grants: number;
  oneGranteeEmail: string;
  asOf: string;
}

/** Picks the pool and makes the writer's grants unaccepted; runs while the seed's handle is open. */
export async function prepareThroughput(db: Database, seconds: number, cycles: number): Promise<ThroughputPreparation> {
  const logins = await granteeLogins(db);
  // Two figures with writes, `cycles` A-B-B-A each, two subject runs a cycle.
  const writing = 2 * cycles * 2 * loadSeconds(seconds);
  const plan = await prepareWritePlan(db, logins, acceptancesNeeded(writing));
  return { pool: logins.slice(0, POOL_SIZE), loginsWithGrants: logins.length, plan };
}

const log = (kind: string, message: string) => console.log(`[bench ${kind}] ${message}`);

/** Signs the pool (and any writer outside it) and HR in, then measures the six figures on a running server. */
export async function throughputFigures(
  kind: DatabaseKind,
  base: string,
  prep: ThroughputPreparation,
  options: ThroughputOptions,
): Promise<Figures> {
  const { seconds, cycles } = options;
  const plan = prep.plan;
  const poolEmails = prep.pool.map((p) => p.email);
  const started = performance.now();
  const cookies = await signInAll(base, [...new Set([...poolEmails, ...plan.writerEmails])]);
  const signInSeconds = round((performance.now() - started) / 1000);
  const hr = await signInCookie(base, BENCH_STAFF.find((u) => u.role === "hr")!.email);
  const one = await signInCookie(base, options.oneGranteeEmail);
  const pool = roundRobin(poolEmails.map((e) => cookies.get(e)!));
  log(kind, `${pool.size} grantees signed in (${cookies.size} logins in all) in ${signInSeconds} s`);
  const writer = writeLoad(base, plan, cookies, hr, options.asOf);

  const single = await measureThroughput(base, { readers: one, cycles: 1 }, seconds);
  const read = await measureThroughput(base, { readers: pool, cycles }, seconds);
  const written = await measureThroughput(base, { readers: pool, writer: () => writer.start(), cycles }, seconds);
  const writes = written.P1.detail.subject.writes!;
  const writesP2 = written.P2.detail.subject.writes!;
  log(
    kind,
    `P1 ${read.P1.value}, P2 ${read.P2.value}; with writes P1w ${written.P1.value} (${writes.writesPerSecond} writes/s), ` +
      `P2w ${written.P2.value} (${writesP2.writesPerSecond} writes/s); one grantee ${single.P1.value}, ${single.P2.value}`,
  );

  const targets = THROUGHPUT_TARGETS[kind];
  const n = options.grants.toLocaleString("en-US");
  const poolDetail = {
    grantees: pool.size,
    asked: POOL_SIZE,
    loginsWithGrants: prep.loginsWithGrants,
    signInSeconds,
    ...(pool.size < POOL_SIZE
      ? { note: `only ${prep.loginsWithGrants} employee logins hold grants at this size (smoke): all of them cycled` }
      : {}),
  };
  const writerDetail = {
    targetWritesPerSecond: WRITES_PER_SECOND,
    writers: plan.writerEmails.length,
    writersInPool: plan.writerEmails.filter((e) => poolEmails.includes(e)).length,
    grantsToAccept: plan.acceptances.length,
    grantsLeftUnaccepted: writer.remaining(),
    disclosurePlans: plan.disclosurePlanIds.length,
    vesting: plan.vesting
      ? { planId: plan.vesting.planId, planGrants: plan.vesting.planGrants, grades: plan.vesting.body.grades.length }
      : plan.vestingNote,
  };
  const readers = `${pool.size} grantees cycled over 50 connections`;
  const withWrites = `, grants written meanwhile (~${WRITES_PER_SECOND}/s: acceptances, disclosures, vesting runs)`;
  const at = `${n} grants`;
  const ratio = (
    label: string,
    result: typeof read.P1,
    target: number | null,
    extra: Record<string, unknown> = {},
  ) => ({
    ...figure(label, result.value, target, target === null ? "report" : ">=", "ratio", { ...result.detail, ...extra }),
    at,
  });
  const home = "grantees' home page / no-DB dynamic page";
  const grants = "GET /api/v1/me/grants / trivial JSON route";
  return {
    P1: ratio(`${home}, ${readers}`, read.P1, targets.P1, { pool: poolDetail }),
    P2: ratio(`${grants}, ${readers}`, read.P2, targets.P2, { pool: poolDetail }),
    P1w: ratio(`${home}, ${readers}${withWrites}`, written.P1, targets.P1, {
      pool: poolDetail,
      writer: writerDetail,
      writesPerSecond: writes.writesPerSecond,
    }),
    P2w: ratio(`${grants}, ${readers}${withWrites}`, written.P2, targets.P2, {
      pool: poolDetail,
      writer: writerDetail,
      writesPerSecond: writesP2.writesPerSecond,
    }),
    P1one: ratio("one grantee's home page / no-DB dynamic page, 50 connections, one A-B-B-A", single.P1, null),
    P2one: ratio("one grantee's GET /api/v1/me/grants / trivial JSON route, one A-B-B-A", single.P2, null),
  };
}
