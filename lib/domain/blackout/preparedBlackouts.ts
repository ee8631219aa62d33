import { toDayNumber } from "../calendar/isoDate";
import { compareBlackoutWindows, type BlackoutWindow } from "./blackoutWindows";

/**
 * Blackout windows indexed for fast "which windows contain day d" queries.
 *
 * Built once per plan and shared by every tranche of that plan. Windows are sorted by start;
 * `maxToPrefix[i]` (the latest end among windows 0..i) lets a backward scan stop as soon as no
 * earlier window can still reach the day, so a query touches only the overlapping windows.
 */
export class PreparedBlackouts {
  /** Windows sorted by start, end, id. */
  readonly windows: readonly BlackoutWindow[];
  /** Day number of each window's first day. */
  readonly fromDays: Int32Array;
  /** Day number of each window's last day. */
  readonly toDays: Int32Array;
  /** Latest end day among windows[0..i]. */
  readonly maxToPrefix: Int32Array;

  constructor(windows: readonly BlackoutWindow[]) {
    const sorted = [...windows].sort(compareBlackoutWindows);
    const n = sorted.length;
    this.windows = sorted;
    this.fromDays = new Int32Array(n);
    this.toDays = new Int32Array(n);
    this.maxToPrefix = new Int32Array(n);
    let maxTo = Number.MIN_SAFE_INTEGER;
    for (let i = 0; i < n; i++) {
      const w = sorted[i]!;
      const from = toDayNumber(w.from);
      const to = toDayNumber(w.to);
      if (to < from) throw new RangeError(`Blackout window ${w.id} ends before it starts`);
      this.fromDays[i] = from;
      this.toDays[i] = to;
      maxTo = Math.max(maxTo, to);
      this.maxToPrefix[i] = maxTo;
    }
  }

  /** Number of windows. */
  get size(): number {
    return this.windows.length;
  }

  /** Index of the last window starting on or before the day, or -1. */
  lastStartingOnOrBefore(day: number): number {
    let lo = 0;
    let hi = this.fromDays.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.fromDays[mid]! <= day) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Indexes (ascending) of the windows containing the day. */
  indexesContaining(day: number): number[] {
    const out: number[] = [];
    for (let j = this.lastStartingOnOrBefore(day); j >= 0 && this.maxToPrefix[j]! >= day; j--) {
      if (this.toDays[j]! >= day) out.push(j);
    }
    return out.reverse();
  }

  /** The windows containing the day, in start order. */
  containing(day: number): BlackoutWindow[] {
    return this.indexesContaining(day).map((i) => this.windows[i]!);
  }
}

/** Sorts and indexes blackout windows once, for reuse across many tranches. */
export function prepareBlackouts(windows: readonly BlackoutWindow[]): PreparedBlackouts {
  return new PreparedBlackouts(windows);
}

/** Accepts either raw windows or an already prepared index. */
export function asPreparedBlackouts(blackouts: PreparedBlackouts | readonly BlackoutWindow[]): PreparedBlackouts {
  return blackouts instanceof PreparedBlackouts ? blackouts : new PreparedBlackouts(blackouts);
}
