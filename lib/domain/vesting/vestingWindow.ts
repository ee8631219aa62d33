import { addMonthsClampedToDayNumber, fromDayNumber, parseIsoDate, type CivilDate } from "../calendar/isoDate";
import type { TradingCalendar } from "../calendar/tradingCalendar";

/** A tranche's vesting period; a bound the exchange calendar cannot settle yet is null. */
export type VestingWindow = {
  /** First trading day on or after grant + startMonths. */
  readonly open: string | null;
  /** Last trading day strictly before grant + endMonths. */
  readonly close: string | null;
  /** True when at least one bound lies beyond the published calendar. */
  readonly calendarPending: boolean;
};

/** Day-number form of a vesting window; -1 marks an unknown bound. */
export type VestingWindowDays = { readonly openDay: number; readonly closeDay: number };

/**
 * Vesting window of a tranche: "from the first trading day after s months from the grant date
 * to the last trading day within e months". Month addition clamps to month end, so a 31 January
 * grant reaches 28/29 February.
 */
export function vestingWindow(
  calendar: TradingCalendar,
  grantDate: string,
  startMonths: number,
  endMonths: number,
): VestingWindow {
  const { openDay, closeDay } = vestingWindowDays(calendar, parseIsoDate(grantDate), startMonths, endMonths);
  return {
    open: openDay < 0 ? null : fromDayNumber(openDay),
    close: closeDay < 0 ? null : fromDayNumber(closeDay),
    calendarPending: openDay < 0 || closeDay < 0,
  };
}

/** Hot-path form of vestingWindow working on a parsed grant date and day numbers. */
export function vestingWindowDays(
  calendar: TradingCalendar,
  grant: CivilDate,
  startMonths: number,
  endMonths: number,
): VestingWindowDays {
  if (
    !Number.isSafeInteger(startMonths) ||
    !Number.isSafeInteger(endMonths) ||
    startMonths < 0 ||
    endMonths <= startMonths
  ) {
    throw new RangeError(`Invalid vesting period: ${startMonths}-${endMonths} months`);
  }
  const startBound = addMonthsClampedToDayNumber(grant, startMonths);
  const endBound = addMonthsClampedToDayNumber(grant, endMonths);
  return {
    openDay: calendar.firstTradingDayNumberOnOrAfter(startBound),
    closeDay: calendar.lastTradingDayNumberBefore(endBound),
  };
}
