/**
 * The background writer of P1w and P2w: while a subject runs, grants are written at a steady rate of
 * about two writes a second, as a portal in use sees them: grantees accepting their grants, HR entering
 * disclosure events, and now and then a vesting run reversed and run again. Every write must answer
 * 2xx; failures are counted and fail the figure, as a non-2xx read fails `load`. Writes go out on a
 * fixed schedule and never wait for the reads; a slot whose lane is still busy is counted as missed.
 */
import { addDays } from "@/lib/domain/calendar/isoDate";
import type { Acceptance, WritePlan } from "./writePlan";

export const WRITES_PER_SECOND = 2;
const TICK_MS = 1000 / WRITES_PER_SECOND;
/**
 * One period of 20 slots (10 s): a vesting write (reversal or run, in turn), four disclosures, fifteen
 * acceptances. Without a vesting cycle its slot is an acceptance. The period runs on across subject
 * runs, and its vesting slot comes early, so that even the smoke run's few seconds of writing hold a
 * reversal and a run.
 */
const PATTERN: WriteKind[] = Array.from({ length: 20 }, (_, i) =>
  i === 4 ? "vesting" : i % 5 === 3 ? "disclosure" : "accept",
);
const ACCEPT_SHARE = PATTERN.filter((k) => k === "accept").length / PATTERN.length;
/** Acceptances of different grantees may overlap; more than this in flight means the server is not keeping up. */
const MAX_ACCEPTS_IN_FLIGHT = 8;
const WRITE_TIMEOUT_MS = 30_000;

type WriteKind = "accept" | "disclosure" | "vesting";
type DoneKind = "accept" | "disclosure" | "vestingRun" | "vestingReversal";

/** What one writing window did. */
export interface WriteStats {
  seconds: number;
  writes: number;
  writesPerSecond: number;
  done: Record<DoneKind, number>;
  /** Mean answer time per kind, ms. */
  meanMs: Partial<Record<DoneKind, number>>;
  /** Slots skipped because their lane was still busy (the rate achieved is lower by as much). */
  missedSlots: number;
  failures: { kind: DoneKind; status: number; body: string }[];
}

/** A writer started for one subject run. */
export interface RunningWriter {
  stop: () => Promise<WriteStats>;
}

/** Acceptances a measurement needs: the writing windows' length at the acceptances' share of the rate, and a margin. */
export function acceptancesNeeded(writingSeconds: number): number {
  return Math.ceil(writingSeconds * WRITES_PER_SECOND * ACCEPT_SHARE * 1.5) + 10;
}

/**
 * The writer of a whole measurement: its state (grants still to accept, the disclosures' dates, the
 * vesting period's current run) carries over from one subject run to the next.
 */
export function writeLoad(base: string, plan: WritePlan, cookies: Map<string, string>, hrCookie: string, asOf: string) {
  const acceptances: Acceptance[] = [...plan.acceptances];
  let disclosures = 0;
  // Starts at the seeded run: the first vesting write reverses it, the next runs the period again.
  let vestingRunId: string | null = plan.vesting?.runId ?? null;
  let slot = 0;

  const post = async (path: string, cookie: string, body: unknown, expect: number) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
    });
    const text = await res.text();
    return { ok: res.status === expect, status: res.status, text };
  };

  const accept = async () => {
    const next = acceptances.shift();
    if (!next) throw new Error("the writer ran out of grants to accept: prepare more (acceptancesNeeded)");
    const cookie = cookies.get(next.email);
    if (!cookie) throw new Error(`no signed-in cookie for writer ${next.email}`);
    return {
      kind: "accept" as const,
      ...(await post(`/api/v1/grants/${next.grantId}/accept`, cookie, undefined, 200)),
    };
  };

  // Plan-scoped events, each on its own later day, alternating a range and a dated kind, so each is valid.
  const disclose = async () => {
    const n = disclosures++;
    const day = addDays(asOf, 20 + n);
    const planId = plan.disclosurePlanIds[n % plan.disclosurePlanIds.length]!;
    const body =
      n % 2 === 0
        ? { kind: "major_event", title: `基准重大事项 ${n}`, startDate: day, endDate: addDays(day, 3), planId }
        : { kind: "performance_express", title: `基准业绩快报 ${n}`, scheduledDate: day, planId };
    return { kind: "disclosure" as const, ...(await post("/api/v1/disclosures", hrCookie, body, 201)) };
  };

  const vest = async () => {
    const cycle = plan.vesting!;
    if (vestingRunId) {
      const r = await post(`/api/v1/vesting-runs/${vestingRunId}/reversal`, hrCookie, { reason: "bench cycle" }, 201);
      if (r.ok) vestingRunId = null;
      return { kind: "vestingReversal" as const, ...r };
    }
    const r = await post(`/api/v1/plans/${cycle.planId}/vesting-runs`, hrCookie, cycle.body, 201);
    if (r.ok) vestingRunId = (JSON.parse(r.text) as { runId: string }).runId;
    return { kind: "vestingRun" as const, ...r };
  };

  return {
    /** Grants still unaccepted, for the report. */
    remaining: () => acceptances.length,
    start(): RunningWriter {
      const started = performance.now();
      const stats: WriteStats = {
        seconds: 0,
        writes: 0,
        writesPerSecond: 0,
        done: { accept: 0, disclosure: 0, vestingRun: 0, vestingReversal: 0 },
        meanMs: {},
        missedSlots: 0,
        failures: [],
      };
      const totalMs: Partial<Record<DoneKind, number>> = {};
      const inFlight = new Set<Promise<void>>();
      const busy: Record<WriteKind, number> = { accept: 0, disclosure: 0, vesting: 0 };
      const limit: Record<WriteKind, number> = { accept: MAX_ACCEPTS_IN_FLIGHT, disclosure: 1, vesting: 1 };
      const run = (
        lane: WriteKind,
        write: () => Promise<{ kind: DoneKind; ok: boolean; status: number; text: string }>,
      ) => {
        if (busy[lane] >= limit[lane]) {
          stats.missedSlots++;
          return;
        }
        busy[lane]++;
        const t0 = performance.now();
        const p = write()
          .then((r) => {
            if (!r.ok) stats.failures.push({ kind: r.kind, status: r.status, body: r.text.slice(0, 300) });
            else {
              stats.done[r.kind]++;
              totalMs[r.kind] = (totalMs[r.kind] ?? 0) + (performance.now() - t0);
            }
          })
          .catch((e: unknown) => {
            stats.failures.push({ kind: lane === "vesting" ? "vestingRun" : lane, status: 0, body: String(e) });
          })
          .finally(() => {
            busy[lane]--;
            inFlight.delete(p);
          });
        inFlight.add(p);
      };
      const timer = setInterval(() => {
        const kind = PATTERN[slot++ % PATTERN.length]!;
        if (kind === "disclosure") run("disclosure", disclose);
        else if (kind === "vesting" && plan.vesting) run("vesting", vest);
        else run("accept", accept);
      }, TICK_MS);
      return {
        stop: async () => {
          clearInterval(timer);
          stats.seconds = Math.round(performance.now() - started) / 1000;
          await Promise.all([...inFlight]);
          stats.writes = Object.values(stats.done).reduce((a, n) => a + n, 0);
          stats.writesPerSecond = Math.round((stats.writes / Math.max(stats.seconds, 0.001)) * 1000) / 1000;
          for (const [k, ms] of Object.entries(totalMs) as [DoneKind, number][])
            stats.meanMs[k] = Math.round(ms / Math.max(1, stats.done[k]));
          return stats;
        },
      };
    },
  };
}

/** Several writing windows as one: totals, the overall rate, every failure. */
export function sumWriteStats(list: WriteStats[]): WriteStats {
  const done = { accept: 0, disclosure: 0, vestingRun: 0, vestingReversal: 0 };
  const totalMs: Partial<Record<DoneKind, number>> = {};
  for (const w of list)
    for (const k of Object.keys(done) as DoneKind[]) {
      done[k] += w.done[k];
      totalMs[k] = (totalMs[k] ?? 0) + (w.meanMs[k] ?? 0) * w.done[k];
    }
  const seconds = Math.round(list.reduce((a, w) => a + w.seconds, 0) * 1000) / 1000;
  const writes = Object.values(done).reduce((a, n) => a + n, 0);
  const meanMs: Partial<Record<DoneKind, number>> = {};
  for (const k of Object.keys(done) as DoneKind[]) if (done[k] > 0) meanMs[k] = Math.round(totalMs[k]! / done[k]);
  return {
    seconds,
    writes,
    writesPerSecond: Math.round((writes / Math.max(seconds, 0.001)) * 1000) / 1000,
    done,
    meanMs,
    missedSlots: list.reduce((a, w) => a + w.missedSlots, 0),
    failures: list.flatMap((w) => w.failures),
  };
}
