/**
 * ISO calendar dates ("yyyy-mm-dd") and integer day numbers.
 *
 * The engine does date arithmetic on integer day numbers (days since 1970-01-01) because the
 * P5 target needs hundreds of thousands of window computations per second; `Date` objects would
 * also drag the host time zone in. Conversions use Howard Hinnant's civil-date algorithms.
 */

/** Year, month (1-12) and day (1-31) of a calendar date. */
export type CivilDate = { readonly year: number; readonly month: number; readonly day: number };

/** Day of week, 0 = Sunday ... 6 = Saturday (the JavaScript convention). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Number of days in a month of a (proleptic Gregorian) year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Parses a strict "yyyy-mm-dd" date or returns null (no time part, no lenient forms). */
export function tryParseIsoDate(iso: string): CivilDate | null {
  if (typeof iso !== "string" || iso.length !== 10 || iso[4] !== "-" || iso[7] !== "-") return null;
  const d0 = digit(iso, 0),
    d1 = digit(iso, 1),
    d2 = digit(iso, 2),
    d3 = digit(iso, 3);
  const m0 = digit(iso, 5),
    m1 = digit(iso, 6),
    a0 = digit(iso, 8),
    a1 = digit(iso, 9);
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0) return null;
  const year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const month = m0 * 10 + m1;
  const day = a0 * 10 + a1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Parses a strict "yyyy-mm-dd" date; throws RangeError on anything else. */
export function parseIsoDate(iso: string): CivilDate {
  const parsed = tryParseIsoDate(iso);
  if (parsed === null) throw new RangeError(`Not an ISO date (yyyy-mm-dd): ${JSON.stringify(iso)}`);
  return parsed;
}

/** True when the string is a valid "yyyy-mm-dd" date. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && tryParseIsoDate(value) !== null;
}

/** Formats year/month/day as "yyyy-mm-dd" (years 0-9999). */
export function formatIsoDate(year: number, month: number, day: number): string {
  const y = year < 1000 ? String(year).padStart(4, "0") : String(year);
  return `${y}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** Day number (days since 1970-01-01) of a civil date. */
export function civilToDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a day number (days since 1970-01-01). */
export function dayNumberToCivil(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day number (days since 1970-01-01) of an ISO date. */
export function toDayNumber(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return civilToDayNumber(year, month, day);
}

/** ISO date of a day number. */
export function fromDayNumber(dayNumber: number): string {
  const { year, month, day } = dayNumberToCivil(dayNumber);
  return formatIsoDate(year, month, day);
}

/** Adds (or subtracts) calendar days. */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Adds calendar months, clamping to the target month's last day (2022-01-31 + 1 = 2022-02-28). */
export function addMonthsClamped(iso: string, months: number): string {
  const c = addMonthsToCivil(parseIsoDate(iso), months);
  return formatIsoDate(c.year, c.month, c.day);
}

/** Day number of `date + months` with end-of-month clamping; the hot-path form of addMonthsClamped. */
export function addMonthsClampedToDayNumber(date: CivilDate, months: number): number {
  const c = addMonthsToCivil(date, months);
  return civilToDayNumber(c.year, c.month, c.day);
}

function addMonthsToCivil(date: CivilDate, months: number): CivilDate {
  if (!Number.isSafeInteger(months)) throw new RangeError(`Months must be an integer: ${months}`);
  const total = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of week of a day number, 0 = Sunday. */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

/** Day of week of an ISO date, 0 = Sunday ... 6 = Saturday. */
export function weekday(iso: string): Weekday {
  return weekdayOfDayNumber(toDayNumber(iso));
}

/** True on Saturdays and Sundays. */
export function isWeekend(iso: string): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

/** -1, 0 or 1 as `a` is before, equal to or after `b` (both validated ISO dates). */
export function compareIsoDates(a: string, b: string): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  // Zero-padded ISO dates sort lexicographically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two ISO dates. */
export function maxIsoDate(a: string, b: string): string {
  return compareIsoDates(a, b) >= 0 ? a : b;
}

/** The earlier of two ISO dates. */
export function minIsoDate(a: string, b: string): string {
  return compareIsoDates(a, b) <= 0 ? a : b;
}

/** The Asia/Shanghai calendar date of an instant (UTC+8 all year: China has no DST). */
export function todayInShanghai(now: Date = new Date()): string {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Invalid Date");
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}
