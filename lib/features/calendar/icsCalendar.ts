import "server-only";
/**
 * RFC 5545 iCalendar writer for all-day events (vesting windows, earliest dates, blackouts).
 *
 * Pure string building: no framework imports, so the same code serves a route handler, a
 * download button and tests.
 */
import { addDays, isIsoDate } from "@/lib/domain/calendar/isoDate";

/** One all-day event; `date` and `endDate` are ISO "yyyy-mm-dd", `endDate` inclusive (default `date`). */
export type CalendarEvent = {
  uid: string;
  date: string;
  endDate?: string;
  summary: string;
  description?: string;
  categories?: string[];
};

/** What goes into one calendar feed. */
export type IcsCalendarOptions = {
  name: string;
  events: CalendarEvent[];
  /** DTSTAMP of every event; defaults to the current instant. */
  now?: Date;
  prodId?: string;
};

/** PRODID used when the caller does not name another product. */
export const DEFAULT_PROD_ID = "-//Vesting Desk//Grant calendar//EN";

/** Suffix that makes caller ids globally unique, as RFC 5545 §3.8.4.7 asks of UID. */
export const UID_DOMAIN = "vesting-desk";

const CRLF = "\r\n";
// RFC 5545 §3.1: content lines SHOULD NOT exceed 75 octets, excluding the line break.
const MAX_LINE_OCTETS = 75;

/** Serialises a VCALENDAR with one VEVENT per event; every line ends with CRLF. */
export function buildIcsCalendar(opts: IcsCalendarOptions): string {
  const stamp = formatUtcStamp(opts.now ?? new Date());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(opts.prodId ?? DEFAULT_PROD_ID)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    // Shanghai is only a display hint: all-day DATE values float and carry no zone.
    "X-WR-TIMEZONE:Asia/Shanghai",
  ];
  const seen = new Set<string>();
  for (const event of opts.events) {
    // Clients merge events by UID, so a repeat would silently swallow one of them.
    if (seen.has(event.uid)) throw new RangeError(`Duplicate calendar event uid: ${JSON.stringify(event.uid)}`);
    seen.add(event.uid);
    lines.push(...eventLines(event, stamp));
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(event: CalendarEvent, stamp: string): string[] {
  const last = event.endDate ?? event.date;
  assertIsoDate(event.date, event.uid);
  assertIsoDate(last, event.uid);
  if (last < event.date)
    throw new RangeError(`Event ${JSON.stringify(event.uid)} ends (${last}) before it starts (${event.date})`);
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(`${event.uid}@${UID_DOMAIN}`)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
    // DTEND of an all-day event is exclusive: the day after the last day.
    `DTEND;VALUE=DATE:${compactDate(addDays(last, 1))}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description !== undefined && event.description !== "")
    lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  const categories = (event.categories ?? []).filter((c) => c !== "");
  if (categories.length > 0) lines.push(`CATEGORIES:${categories.map(escapeText).join(",")}`);
  // All-day markers must not show the grantee as busy.
  lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  return lines;
}

function assertIsoDate(value: string, uid: string): void {
  if (!isIsoDate(value))
    throw new RangeError(`Event ${JSON.stringify(uid)} has a date that is not yyyy-mm-dd: ${JSON.stringify(value)}`);
}

function compactDate(iso: string): string {
  return iso.replaceAll("-", "");
}

function formatUtcStamp(now: Date): string {
  if (!Number.isFinite(now.getTime())) throw new RangeError("Invalid DTSTAMP instant");
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** Escapes a TEXT value (RFC 5545 §3.3.11), first making it representable at all. */
export function escapeText(value: string): string {
  const clean = value
    // Lone surrogates cannot be encoded as UTF-8; the encoder would swap them for U+FFFD anyway.
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/\r\n?/g, "\n")
    // TEXT admits no control characters except HTAB; a newline survives as the \n escape below.
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
  return clean.replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/**
 * Folds a content line into physical lines of at most 75 UTF-8 octets (RFC 5545 §3.1), each
 * continuation starting with one space. Never splits a code point; also keeps a backslash
 * escape in one piece because some clients unescape before they unfold.
 */
export function foldLine(line: string): string {
  if (utf8Length(line) <= MAX_LINE_OCTETS) return line;
  const physical: string[] = [];
  let current = "";
  let currentOctets = 0;
  // The leading space of a continuation line counts towards its 75 octets.
  let budget = MAX_LINE_OCTETS;
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  for (const unit of units) {
    const octets = utf8Length(unit);
    if (currentOctets + octets > budget) {
      physical.push(current);
      current = "";
      currentOctets = 0;
      budget = MAX_LINE_OCTETS - 1;
    }
    current += unit;
    currentOctets += octets;
  }
  physical.push(current);
  return physical.join(`${CRLF} `);
}

function utf8Length(text: string): number {
  let octets = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    octets += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return octets;
}
