import "server-only";
import { db } from "@/lib/platform/db";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";

/** Milliseconds from `now` until just after the next midnight in Asia/Shanghai (UTC+8 all year). */
export function msUntilNextShanghaiDay(now: number, slackMs = 5_000): number {
  const shanghai = now + 8 * 3_600_000;
  const nextMidnight = Math.floor(shanghai / 86_400_000 + 1) * 86_400_000;
  return nextMidnight - shanghai + slackMs;
}

/**
 * Re-derives statuses and earliest dates just after each Shanghai midnight, so that the day's first
 * request does not wait for it (about 10 s at 50,000 grants). Requests still check on their own
 * (ensureDerivedToday), which covers a server that slept through midnight.
 */
export function scheduleDailyDerivation(): void {
  const timer = setTimeout(async () => {
    try {
      await ensureDerivedToday(await db());
    } catch (e) {
      console.error(
        "[derive] daily re-derivation failed; the next request retries:",
        e instanceof Error ? e.message : e,
      );
    }
    scheduleDailyDerivation();
  }, msUntilNextShanghaiDay(Date.now()));
  timer.unref();
}
