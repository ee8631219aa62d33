import { compareIsoDates, parseIsoDate, toDayNumber } from "../calendar/isoDate";
import type { TradingCalendar } from "../calendar/tradingCalendar";
import type { BlackoutWindow } from "../blackout/blackoutWindows";
import { asPreparedBlackouts, type PreparedBlackouts } from "../blackout/preparedBlackouts";
import { violation, type RuleViolation } from "../errors";
import { earliestVestingDate } from "./earliestVestingDate";

/**
 * Checks a proposed vesting (registration) date against every vesting rule and returns all
 * violations: NOT_A_TRADING_DAY (or CALENDAR_NOT_PUBLISHED when the calendar cannot tell),
 * OUTSIDE_WINDOW, IN_BLACKOUT and AFTER_VALIDITY_END (the validity end day itself is allowed).
 * A null window bound lies beyond the published calendar: a covered date is then before a null
 * open and before a null close.
 */
export function checkVestingDate(
  calendar: TradingCalendar,
  date: string,
  window: { readonly open: string | null; readonly close: string | null },
  blackouts: PreparedBlackouts | readonly BlackoutWindow[],
  validityEnd: string | null,
): RuleViolation[] {
  parseIsoDate(date);
  const out: RuleViolation[] = [];
  const covered = calendar.coversDate(date);
  const prepared = asPreparedBlackouts(blackouts);
  // The day to offer instead: the first permissible one on or after the refused date (null when the
  // window or the validity leaves none, or the calendar cannot tell yet).
  let nextDay: string | null | undefined;
  const next = () => {
    if (nextDay === undefined) {
      const found = covered || window.open !== null ? earliestVestingDate(calendar, window, prepared, date).date : null;
      nextDay = found !== null && validityEnd !== null && compareIsoDates(found, validityEnd) > 0 ? null : found;
    }
    return nextDay;
  };

  if (!covered) {
    out.push(violation("CALENDAR_NOT_PUBLISHED", { date, coveredTo: calendar.lastDate }));
  } else if (!calendar.isTradingDay(date)) {
    out.push(violation("NOT_A_TRADING_DAY", { date, closureReason: calendar.closureReason(date), next: next() }));
  }

  const beforeOpen = window.open === null ? covered : compareIsoDates(date, window.open) < 0;
  const afterClose = window.close !== null && compareIsoDates(date, window.close) > 0;
  if (beforeOpen || afterClose) {
    out.push(
      violation("OUTSIDE_WINDOW", { date, open: window.open, close: window.close, next: afterClose ? null : next() }),
    );
  }

  const containing = prepared.containing(toDayNumber(date));
  if (containing.length > 0) out.push(violation("IN_BLACKOUT", { date, windows: containing, next: next() }));

  if (validityEnd !== null && compareIsoDates(date, validityEnd) > 0) {
    out.push(violation("AFTER_VALIDITY_END", { date, validityEnd }));
  }
  return out;
}
