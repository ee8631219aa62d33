import { fromDayNumber, toDayNumber } from "../calendar/isoDate";
import type { TradingCalendar } from "../calendar/tradingCalendar";
import type { BlackoutWindow } from "../blackout/blackoutWindows";
import { asPreparedBlackouts, type PreparedBlackouts } from "../blackout/preparedBlackouts";

export { prepareBlackouts, PreparedBlackouts } from "../blackout/preparedBlackouts";

/** Why no earliest vesting date could be given. */
export type EarliestVestingReason =
  null | "no permissible day left in the window" | "exchange calendar not yet published";

/** The first permissible vesting day of a tranche and the blackouts that pushed it back. */
export type EarliestVestingDate = {
  readonly date: string | null;
  readonly reason: EarliestVestingReason;
  /** Windows that contained a trading-day candidate which therefore had to be skipped, in order met. */
  readonly deferredBy: BlackoutWindow[];
};

/** Day-number form of EarliestVestingDate; day is -1 when there is none. */
export type EarliestVestingDay = {
  readonly day: number;
  readonly reason: EarliestVestingReason;
  readonly deferredBy: BlackoutWindow[];
};

const NO_DAY_LEFT = "no permissible day left in the window";
const CALENDAR_PENDING = "exchange calendar not yet published";

/**
 * First trading day on or after max(window open, asOf) that lies in no blackout window and not
 * after the window close. An unknown (null) close means the close lies beyond the published
 * calendar, so any covered candidate is inside the window.
 */
export function earliestVestingDate(
  calendar: TradingCalendar,
  window: { readonly open: string | null; readonly close: string | null },
  blackouts: PreparedBlackouts | readonly BlackoutWindow[],
  asOf: string,
): EarliestVestingDate {
  const r = earliestVestingDay(
    calendar,
    window.open === null ? -1 : toDayNumber(window.open),
    window.close === null ? -1 : toDayNumber(window.close),
    asPreparedBlackouts(blackouts),
    toDayNumber(asOf),
  );
  return { date: r.day < 0 ? null : fromDayNumber(r.day), reason: r.reason, deferredBy: r.deferredBy };
}

/**
 * Hot-path form of earliestVestingDate on day numbers (-1 = unknown bound). It jumps from a
 * blocked candidate straight past the latest end of the windows containing it, so the cost is
 * proportional to the number of windows met, not to the number of days skipped.
 */
export function earliestVestingDay(
  calendar: TradingCalendar,
  openDay: number,
  closeDay: number,
  blackouts: PreparedBlackouts,
  asOfDay: number,
): EarliestVestingDay {
  const deferredBy: BlackoutWindow[] = [];
  if (openDay < 0) return { day: -1, reason: CALENDAR_PENDING, deferredBy };
  const closeKnown = closeDay >= 0;
  const start = openDay > asOfDay ? openDay : asOfDay;
  if (closeKnown && start > closeDay) return { day: -1, reason: NO_DAY_LEFT, deferredBy };

  let candidate = calendar.firstTradingDayNumberOnOrAfter(start);
  for (;;) {
    if (candidate < 0) {
      // Out of covered trading days: final only if the close itself lies inside coverage.
      const final = closeKnown && closeDay <= calendar.lastDayNumber;
      return { day: -1, reason: final ? NO_DAY_LEFT : CALENDAR_PENDING, deferredBy };
    }
    if (closeKnown && candidate > closeDay) return { day: -1, reason: NO_DAY_LEFT, deferredBy };
    const hits = blackouts.indexesContaining(candidate);
    if (hits.length === 0) return { day: candidate, reason: null, deferredBy };
    let latestEnd = candidate;
    for (const i of hits) {
      deferredBy.push(blackouts.windows[i]!);
      const end = blackouts.toDays[i]!;
      if (end > latestEnd) latestEnd = end;
    }
    if (closeKnown && latestEnd >= closeDay) return { day: -1, reason: NO_DAY_LEFT, deferredBy };
    candidate = calendar.firstTradingDayNumberOnOrAfter(latestEnd + 1);
  }
}
