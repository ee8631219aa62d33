import { addDays, addMonthsClamped, formatIsoDate, parseIsoDate, toDayNumber } from "@/lib/domain/calendar/isoDate";

/** Horizontal breathing room, in viewBox units, so edge markers and labels are not clipped. */
export const TIMELINE_MARGIN = 24;

/**
 * Linear day scale: maps an ISO date to an x coordinate so that `from` lands on the left
 * margin and `to` on the right one. Counts whole calendar days (leap days included), never
 * milliseconds, so the host time zone cannot shift a date. Dates outside the range
 * extrapolate; callers clip.
 */
export function timelineScale(from: string, to: string, width: number): (iso: string) => number {
  const start = toDayNumber(from);
  const span = toDayNumber(to) - start;
  if (span < 0) throw new RangeError(`Timeline ends (${to}) before it starts (${from})`);
  const inner = width - 2 * TIMELINE_MARGIN;
  if (!(inner > 0)) throw new RangeError(`Timeline width ${width} leaves no room inside the margins`);
  // A single-day range has no extent: centre it rather than divide by zero.
  if (span === 0) return (iso) => TIMELINE_MARGIN + inner / 2 + (toDayNumber(iso) - start) * inner;
  return (iso) => TIMELINE_MARGIN + ((toDayNumber(iso) - start) / span) * inner;
}

/** The dates of a tranche the timeline can place on its axis. */
export type TimelineDates = {
  windowOpen: string | null;
  windowClose: string | null;
  earliestVestingDate: string | null;
  vestingDate: string | null;
};

/**
 * Axis domain of a grant's timeline: from the grant date (when given) or the earliest known
 * tranche date, to the latest window close. When some window has no close yet (the exchange
 * calendar is not published), the axis runs 12 months past the last known date so the open
 * bar still has room. `to` is exclusive, the day after the last day shown, so an inclusive
 * range [a, b] spans x(a)..x(b + 1).
 */
export function timelineRange(
  tranches: readonly TimelineDates[],
  today: string,
  grantDate?: string,
): { from: string; to: string } {
  const known: string[] = grantDate !== undefined ? [grantDate] : [];
  for (const t of tranches) {
    for (const d of [t.windowOpen, t.windowClose, t.earliestVestingDate, t.vestingDate]) if (d !== null) known.push(d);
  }
  // Zero-padded ISO dates sort lexicographically in calendar order.
  known.sort();
  const first = known[0] ?? today;
  const latest = known[known.length - 1] ?? today;
  const openEnded = known.length === 0 || tranches.some((t) => t.windowClose === null);
  const last = openEnded ? addMonthsClamped(latest, 12) : latest;
  return { from: first, to: addDays(last, 1) };
}

/** January 1sts strictly inside (from, to): where the axis draws a year boundary. */
export function yearStarts(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = parseIsoDate(from).year + 1; y <= parseIsoDate(to).year; y++) {
    const jan1 = formatIsoDate(y, 1, 1);
    if (jan1 < to) out.push(jan1);
  }
  return out;
}
