import { isWeekend } from "../calendar/isoDate";
import type { TradingCalendar } from "../calendar/tradingCalendar";
import { isRuleError, violation, type RuleViolation } from "../errors";

/**
 * A corporate action's ex-date (除权除息日) is a trading day: the day the exchange adjusts the price.
 * A weekend is refused even in a year whose closures are not published yet; a published closure names
 * its reason; both name the next trading day when it is known.
 */
export function checkExDate(calendar: TradingCalendar, exDate: string): RuleViolation[] {
  if (!calendar.coversDate(exDate)) {
    return isWeekend(exDate) ? [violation("EX_DATE_NOT_TRADING_DAY", { exDate, reason: null, next: null })] : [];
  }
  if (calendar.isTradingDay(exDate)) return [];
  let next: string | null = null;
  try {
    next = calendar.firstTradingDayOnOrAfter(exDate);
  } catch (e) {
    if (!isRuleError(e, "CALENDAR_NOT_PUBLISHED")) throw e;
  }
  return [violation("EX_DATE_NOT_TRADING_DAY", { exDate, reason: calendar.closureReason(exDate), next })];
}
