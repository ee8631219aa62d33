import "server-only";
import { isIsoDate, todayInShanghai } from "@/lib/domain/calendar/isoDate";

/**
 * Today's date in Asia/Shanghai, the date every status and earliest vesting date is computed for.
 * VD_TODAY pins it (yyyy-mm-dd) so demos and end-to-end tests see the same day whenever they run.
 */
export function today(): string {
  const pinned = process.env.VD_TODAY;
  if (pinned) {
    if (!isIsoDate(pinned)) throw new Error(`VD_TODAY must be a date as yyyy-mm-dd, got "${pinned}"`);
    return pinned;
  }
  return todayInShanghai();
}

/** True when VD_TODAY pins "today" (demos, tests): the health check says so, so nobody mistakes a pinned server for a live one. */
export function isTodayPinned(): boolean {
  return Boolean(process.env.VD_TODAY);
}
