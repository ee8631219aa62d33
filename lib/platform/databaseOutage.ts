import "server-only";
/**
 * What this server process knows about its database being out of reach, shared between the data
 * layer (which sees the errors) and proxy.ts (which answers pages 503 while it lasts: a page's
 * render cannot set a status other than 500 once it fails). Kept on globalThis so that every module
 * graph in the process (proxy, pages, route handlers) sees the same state. No database import here:
 * the proxy must be able to load it.
 */
import type { QueryObserver } from "@/db/client";
import { isDatabaseUnavailable, isPoolWaitTimeout } from "@/lib/platform/http/databaseUnavailable";

/** How often, at most, a request while down starts a check whether the database is back. */
const PROBE_INTERVAL_MS = 1000;

interface OutageState {
  downSince: number | null;
  lastProbeAt: number;
  probing: Promise<void> | null;
  probe: (() => Promise<void>) | null;
}

const KEY = Symbol.for("vesting-desk.databaseOutage");
const holder = globalThis as unknown as Record<symbol, OutageState | undefined>;

function state(): OutageState {
  return (holder[KEY] ??= { downSince: null, lastProbeAt: 0, probing: null, probe: null });
}

/** The data layer saw the database out of reach (a failed connect, a dropped connection). */
export function reportDatabaseOutage(now = Date.now()): void {
  const s = state();
  if (s.downSince === null) {
    s.downSince = now;
    s.lastProbeAt = now;
    console.error("[db] database out of reach: pages answer 503 until it is back");
  }
}

/** A query succeeded: whatever was down is back. */
export function reportDatabaseHealthy(): void {
  const s = state();
  if (s.downSince !== null)
    console.error(`[db] database back after ${Math.round((Date.now() - s.downSince) / 1000)} s`);
  s.downSince = null;
}

/** Every query's outcome on the process's pool tells the state whether PostgreSQL is in reach. */
export const outageObserver: QueryObserver = {
  succeeded: () => reportDatabaseHealthy(),
  failed: (e) => {
    if (isDatabaseUnavailable(e) && !isPoolWaitTimeout(e)) reportDatabaseOutage();
  },
};

/** How to check the database: a trivial query through the process's own pool. */
export function registerDatabaseProbe(probe: () => Promise<void>): void {
  state().probe = probe;
}

/**
 * True while the database is known to be down. Never waits on the network: when the last check is
 * older than a second it starts one in the background, and a later request sees its outcome.
 */
export function databaseKnownDown(now = Date.now()): boolean {
  const s = state();
  if (s.downSince === null) return false;
  if (s.probe && !s.probing && now - s.lastProbeAt >= PROBE_INTERVAL_MS) {
    s.lastProbeAt = now;
    s.probing = s
      .probe()
      .then(reportDatabaseHealthy, () => undefined)
      .finally(() => {
        s.probing = null;
      });
  }
  return true;
}

/** The check in flight, if any (tests await it). */
export function databaseProbeInFlight(): Promise<void> | null {
  return state().probing;
}
