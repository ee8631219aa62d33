import { civilToDayNumber, daysInMonth, formatIsoDate, weekdayOfDayNumber } from "@/lib/domain/calendar/isoDate";

/**
 * The weeks of one month as rows of seven cells, Monday first (as Chinese calendars print
 * them): ISO dates for the month's days, null for padding before the 1st and after the last.
 */
export function monthMatrix(year: number, month: number): (string | null)[][] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Month must be 1-12: ${month}`);
  // Weekday counts from Sunday = 0; shift so Monday is column 0.
  const lead = (weekdayOfDayNumber(civilToDayNumber(year, month, 1)) + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  const days = daysInMonth(year, month);
  for (let day = 1; day <= days; day++) cells.push(formatIsoDate(year, month, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
