import { RuleError } from "../errors";
import { civilToDayNumber, fromDayNumber, toDayNumber, weekdayOfDayNumber } from "./isoDate";
import { SSE_CALENDAR_FIRST_YEAR, SSE_CALENDAR_LAST_YEAR, SSE_CLOSURES } from "./sseClosures.data";

/** A full-day exchange closure: the date and a short holiday name. */
export type CalendarClosure = { readonly date: string; readonly reason: string };

/** Coverage and extra closures for building a calendar. */
export type TradingCalendarOptions = {
  /** First covered year (dates before 1 January of it are not known to the calendar). */
  readonly firstYear: number;
  /** Last year whose closures have been published; later dates are never guessed. */
  readonly lastPublishedYear: number;
};

/** Closures an administrator adds on top of the bundled SSE list (e.g. the 2027 schedule). */
export type ExtraClosures = {
  readonly closures?: readonly CalendarClosure[];
  /** Extends coverage to 31 December of this year; a year before the bundled last year is ignored. */
  readonly lastPublishedYear?: number;
};

const NONE = -1;

/**
 * SSE trading days: weekdays that are not listed closures, within published coverage.
 *
 * Every per-day answer is precomputed into typed arrays indexed by days since 1 January of the
 * first covered year, so the engine's "next trading day" lookups are O(1) array reads.
 * Dates outside coverage throw CALENDAR_NOT_PUBLISHED: trading days are never extrapolated,
 * because the exchange fixes each year's closures only in the preceding December.
 */
export class TradingCalendar {
  /** First covered year. */
  readonly firstYear: number;
  /** Last covered (published) year. */
  readonly lastPublishedYear: number;
  /** Day number of the first covered day (1 January of firstYear). */
  readonly firstDayNumber: number;
  /** Day number of the last covered day (31 December of lastPublishedYear). */
  readonly lastDayNumber: number;

  private readonly trading: Uint8Array;
  /** nextOnOrAfter[i]: index of the first trading day >= i, or NONE. */
  private readonly nextOnOrAfter: Int32Array;
  /** prevBefore[i]: index of the last trading day < i, or NONE; has one extra slot past the end. */
  private readonly prevBefore: Int32Array;
  private readonly reasons: Map<number, string>;

  constructor(closures: readonly CalendarClosure[], options: TradingCalendarOptions) {
    const { firstYear, lastPublishedYear } = options;
    if (!Number.isSafeInteger(firstYear) || !Number.isSafeInteger(lastPublishedYear) || lastPublishedYear < firstYear) {
      throw new RangeError(`Invalid calendar coverage ${firstYear}-${lastPublishedYear}`);
    }
    this.firstYear = firstYear;
    this.lastPublishedYear = lastPublishedYear;
    this.firstDayNumber = civilToDayNumber(firstYear, 1, 1);
    this.lastDayNumber = civilToDayNumber(lastPublishedYear, 12, 31);
    const size = this.lastDayNumber - this.firstDayNumber + 1;

    this.reasons = new Map();
    for (const c of closures) {
      if (typeof c.reason !== "string" || c.reason.trim() === "") {
        throw new RangeError(`Closure ${c.date} needs a reason`);
      }
      const dn = toDayNumber(c.date);
      // Closures for a year not yet declared published are kept out: that year stays uncovered.
      if (dn >= this.firstDayNumber && dn <= this.lastDayNumber) this.reasons.set(dn, c.reason.trim());
    }

    this.trading = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const dn = this.firstDayNumber + i;
      const w = weekdayOfDayNumber(dn);
      this.trading[i] = w !== 0 && w !== 6 && !this.reasons.has(dn) ? 1 : 0;
    }
    this.nextOnOrAfter = new Int32Array(size);
    let next = NONE;
    for (let i = size - 1; i >= 0; i--) {
      if (this.trading[i] === 1) next = i;
      this.nextOnOrAfter[i] = next;
    }
    this.prevBefore = new Int32Array(size + 1);
    let prev = NONE;
    for (let i = 0; i <= size; i++) {
      this.prevBefore[i] = prev;
      if (i < size && this.trading[i] === 1) prev = i;
    }
  }

  /** The bundled SSE calendar (2015 onwards), optionally with administrator-added closures. */
  static sse(extra?: ExtraClosures): TradingCalendar {
    // The calendar is immutable, so the plain bundled one is built once and shared.
    if (extra === undefined) return (TradingCalendar.bundled ??= TradingCalendar.build(undefined));
    return TradingCalendar.build(extra);
  }

  private static bundled: TradingCalendar | undefined;

  private static build(extra: ExtraClosures | undefined): TradingCalendar {
    // Admin-published years can only extend the bundled coverage, never shrink it.
    const lastPublishedYear = Math.max(extra?.lastPublishedYear ?? SSE_CALENDAR_LAST_YEAR, SSE_CALENDAR_LAST_YEAR);
    const closures = extra?.closures ? [...SSE_CLOSURES, ...extra.closures] : SSE_CLOSURES;
    return new TradingCalendar(closures, { firstYear: SSE_CALENDAR_FIRST_YEAR, lastPublishedYear });
  }

  /** First covered date (ISO). */
  get firstDate(): string {
    return fromDayNumber(this.firstDayNumber);
  }

  /** Last covered date (ISO), 31 December of the last published year. */
  get lastDate(): string {
    return fromDayNumber(this.lastDayNumber);
  }

  /** True when the calendar knows whether the date is a trading day. */
  coversDate(iso: string): boolean {
    return this.coversDayNumber(toDayNumber(iso));
  }

  /** Day-number form of coversDate. */
  coversDayNumber(dayNumber: number): boolean {
    return dayNumber >= this.firstDayNumber && dayNumber <= this.lastDayNumber;
  }

  /** True on SSE trading days; throws CALENDAR_NOT_PUBLISHED outside coverage. */
  isTradingDay(iso: string): boolean {
    return this.isTradingDayNumber(this.requireCovered(iso));
  }

  /** Day-number form of isTradingDay (throws CALENDAR_NOT_PUBLISHED outside coverage). */
  isTradingDayNumber(dayNumber: number): boolean {
    if (!this.coversDayNumber(dayNumber)) throw this.notPublished(dayNumber);
    return this.trading[dayNumber - this.firstDayNumber] === 1;
  }

  /** Holiday name, "weekend", or null on a trading day; throws CALENDAR_NOT_PUBLISHED outside coverage. */
  closureReason(iso: string): string | null {
    const dn = this.requireCovered(iso);
    const listed = this.reasons.get(dn);
    if (listed !== undefined) return listed;
    const w = weekdayOfDayNumber(dn);
    return w === 0 || w === 6 ? "weekend" : null;
  }

  /** First trading day on or after the date; throws CALENDAR_NOT_PUBLISHED when it is not yet known. */
  firstTradingDayOnOrAfter(iso: string): string {
    const from = toDayNumber(iso);
    const dn = this.firstTradingDayNumberOnOrAfter(from);
    // A covered date with no trading day left in coverage needs the next, unpublished year.
    if (dn === NONE) throw this.notPublished(this.coversDayNumber(from) ? this.lastDayNumber + 1 : from);
    return fromDayNumber(dn);
  }

  /** Last trading day strictly before the date; throws CALENDAR_NOT_PUBLISHED when it is not yet known. */
  lastTradingDayBefore(iso: string): string {
    const dn = this.lastTradingDayNumberBefore(toDayNumber(iso));
    if (dn === NONE) throw this.notPublished(toDayNumber(iso) - 1);
    return fromDayNumber(dn);
  }

  /** Day number of the first trading day >= dayNumber, or -1 when coverage cannot answer. */
  firstTradingDayNumberOnOrAfter(dayNumber: number): number {
    if (!this.coversDayNumber(dayNumber)) return NONE;
    const idx = this.nextOnOrAfter[dayNumber - this.firstDayNumber] ?? NONE;
    return idx === NONE ? NONE : idx + this.firstDayNumber;
  }

  /**
   * Day number of the last trading day < dayNumber, or -1 when coverage cannot answer.
   * Works for the day right after coverage ends, since only earlier days need to be known.
   */
  lastTradingDayNumberBefore(dayNumber: number): number {
    if (dayNumber <= this.firstDayNumber || dayNumber > this.lastDayNumber + 1) return NONE;
    const idx = this.prevBefore[dayNumber - this.firstDayNumber] ?? NONE;
    return idx === NONE ? NONE : idx + this.firstDayNumber;
  }

  /** All trading days in [from, to], both inclusive; throws CALENDAR_NOT_PUBLISHED if either end is uncovered. */
  tradingDaysBetween(from: string, to: string): string[] {
    const a = this.requireCovered(from);
    const b = this.requireCovered(to);
    const out: string[] = [];
    let dn = this.firstTradingDayNumberOnOrAfter(a);
    while (dn !== NONE && dn <= b) {
      out.push(fromDayNumber(dn));
      dn = this.firstTradingDayNumberOnOrAfter(dn + 1);
    }
    return out;
  }

  private requireCovered(iso: string): number {
    const dn = toDayNumber(iso);
    if (!this.coversDayNumber(dn)) throw this.notPublished(dn);
    return dn;
  }

  private notPublished(dayNumber: number): RuleError {
    return new RuleError("CALENDAR_NOT_PUBLISHED", {
      date: fromDayNumber(dayNumber),
      coveredFrom: this.firstDate,
      coveredTo: this.lastDate,
    });
  }
}
