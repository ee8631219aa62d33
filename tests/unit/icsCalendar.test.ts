import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ICAL from "ical.js";
import { buildIcsCalendar, foldLine, type CalendarEvent } from "@/lib/features/calendar/icsCalendar";

const NOW = new Date("2025-03-04T05:06:07.890Z");
const encoder = new TextEncoder();

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevents = calendar.getAllSubcomponents("vevent");
  return { calendar, vevents, events: vevents.map((v) => new ICAL.Event(v)) };
}

// ical.js types X- properties as "unknown" and hands their value back still escaped.
function calendarName(calendar: ICAL.Component): string {
  const raw = String(calendar.getFirstPropertyValue("x-wr-calname"));
  return raw.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith("\r\n")).toBe(true);
  return ics.slice(0, -2).split("\r\n");
}

function maxLineOctets(ics: string): number {
  return Math.max(...physicalLines(ics).map((l) => encoder.encode(l).length));
}

function only<T>(list: T[]): T {
  expect(list).toHaveLength(1);
  return list[0] as T;
}

const vestingEvent: CalendarEvent = {
  uid: "grant-1-tranche-1",
  date: "2025-06-16",
  endDate: "2026-06-12",
  summary: "Tranche 1 vesting window",
  description: "Earliest vesting date 2025-06-16",
  categories: ["vesting", "window"],
};

describe("buildIcsCalendar", () => {
  it("writes the calendar header properties", () => {
    const ics = buildIcsCalendar({ name: "My grants", events: [], now: NOW });
    const { calendar } = parse(ics);
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Vesting Desk//Grant calendar//EN");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendarName(calendar)).toBe("My grants");
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Asia/Shanghai");
  });

  it("uses a caller's PRODID", () => {
    const ics = buildIcsCalendar({ name: "x", events: [], now: NOW, prodId: "-//Acme//Feed//ZH" });
    expect(parse(ics).calendar.getFirstPropertyValue("prodid")).toBe("-//Acme//Feed//ZH");
  });

  it("round-trips every event field", () => {
    const ics = buildIcsCalendar({ name: "My grants", events: [vestingEvent], now: NOW });
    const { vevents, events } = parse(ics);
    const vevent = only(vevents);
    const event = only(events);
    expect(event.uid).toBe("grant-1-tranche-1@vesting-desk");
    expect(event.summary).toBe("Tranche 1 vesting window");
    expect(event.description).toBe("Earliest vesting date 2025-06-16");
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2025-06-16");
    expect(event.endDate.isDate).toBe(true);
    // Exclusive end: the day after the inclusive last day.
    expect(event.endDate.toString()).toBe("2026-06-13");
    expect(vevent.getFirstProperty("categories")?.getValues()).toEqual(["vesting", "window"]);
    expect(vevent.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
    expect(vevent.getFirstPropertyValue("dtstamp")?.toString()).toBe("2025-03-04T05:06:07Z");
    expect(ics).toContain("\r\nDTSTAMP:20250304T050607Z\r\n");
    expect(ics).toContain("\r\nDTSTART;VALUE=DATE:20250616\r\n");
    expect(ics).toContain("\r\nDTEND;VALUE=DATE:20260613\r\n");
  });

  it("makes a one-day event end on the next day, across month and leap-day boundaries", () => {
    const events: CalendarEvent[] = [
      { uid: "a", date: "2024-02-28", summary: "a" },
      { uid: "b", date: "2024-02-29", summary: "b" },
      { uid: "c", date: "2025-12-31", summary: "c" },
    ];
    const parsed = parse(buildIcsCalendar({ name: "x", events, now: NOW })).events;
    expect(parsed.map((e) => [e.startDate.toString(), e.endDate.toString()])).toEqual([
      ["2024-02-28", "2024-02-29"],
      ["2024-02-29", "2024-03-01"],
      ["2025-12-31", "2026-01-01"],
    ]);
  });

  it("omits an empty description and empty categories", () => {
    const ics = buildIcsCalendar({
      name: "x",
      events: [{ uid: "a", date: "2025-01-02", summary: "s", description: "", categories: [""] }],
      now: NOW,
    });
    expect(ics).not.toContain("DESCRIPTION");
    expect(ics).not.toContain("CATEGORIES");
  });

  it("escapes commas, semicolons, backslashes and newlines", () => {
    const summary = "Window; open, then close\\ at C:\\path\nline two\r\nline three";
    const events: CalendarEvent[] = [
      { uid: "x;y,z", date: "2025-01-02", summary, description: "a,b;c\nd", categories: ["one, two", "three;four"] },
    ];
    const ics = buildIcsCalendar({ name: "Name, with; marks", events, now: NOW });
    expect(ics).toContain("SUMMARY:Window\\; open\\, then close\\\\ at C:\\\\path\\nline two\\nline three\r\n");
    const { calendar, vevents, events: parsed } = parse(ics);
    const event = only(parsed);
    expect(event.summary).toBe("Window; open, then close\\ at C:\\path\nline two\nline three");
    expect(event.description).toBe("a,b;c\nd");
    expect(event.uid).toBe("x;y,z@vesting-desk");
    expect(only(vevents).getFirstProperty("categories")?.getValues()).toEqual(["one, two", "three;four"]);
    expect(calendarName(calendar)).toBe("Name, with; marks");
  });

  it("folds long Chinese text at 75 octets without splitting a character", () => {
    const summary = "第一个归属期：公司2024年年度报告披露前三十日内不得归属，归属日顺延至窗口期结束后的首个交易日";
    const description = `${summary}。${summary}`;
    const ics = buildIcsCalendar({
      name: "限制性股票归属日历",
      events: [{ uid: "zh", date: "2025-04-18", summary, description }],
      now: NOW,
    });
    const lines = physicalLines(ics);
    expect(lines.filter((l) => l.startsWith(" ")).length).toBeGreaterThan(2);
    for (const line of lines) {
      const bytes = encoder.encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      // A split multi-byte character would not survive a strict UTF-8 decode.
      expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toBe(line);
    }
    const event = only(parse(ics).events);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
  });

  it("ends every line, including the last, with CRLF and has no bare CR or LF", () => {
    const ics = buildIcsCalendar({ name: "x", events: [vestingEvent], now: NOW });
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("drops control characters that TEXT cannot carry", () => {
    const ics = buildIcsCalendar({
      name: "x",
      events: [{ uid: "a", date: "2025-01-02", summary: "a\u0000b\u0007c\td\u007f" }],
      now: NOW,
    });
    expect(only(parse(ics).events).summary).toBe("abc\td");
  });

  it("rejects invalid dates, an end before the start, duplicate uids and an invalid instant", () => {
    const build =
      (events: CalendarEvent[], now = NOW) =>
      () =>
        buildIcsCalendar({ name: "x", events, now });
    expect(build([{ uid: "a", date: "2025-02-30", summary: "s" }])).toThrow(RangeError);
    expect(build([{ uid: "a", date: "2025-02-03", endDate: "2025-02-02", summary: "s" }])).toThrow(RangeError);
    expect(
      build([
        { uid: "a", date: "2025-02-03", summary: "s" },
        { uid: "a", date: "2025-02-04", summary: "t" },
      ]),
    ).toThrow(/Duplicate/);
    expect(build([], new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("foldLine", () => {
  it("leaves a line of exactly 75 octets alone and folds one of 76", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("counts the continuation space towards the 75 octets", () => {
    const folded = foldLine("y".repeat(75 + 74 + 1)).split("\r\n");
    expect(folded.map((l) => l.length)).toEqual([75, 75, 2]);
  });

  it("keeps four-byte characters and escape pairs whole", () => {
    for (const line of [`${"a".repeat(73)}😀😀`, `${"a".repeat(74)}\\,b`]) {
      for (const physical of foldLine(line).split("\r\n")) {
        expect(encoder.encode(physical).length).toBeLessThanOrEqual(75);
        expect(physical).not.toMatch(/\\$/);
        expect(physical).not.toMatch(/[\uD800-\uDBFF]$/);
      }
    }
  });
});

describe("round-trip property", () => {
  // TEXT cannot carry controls other than TAB/LF (LF travels as \n); everything else must survive exactly.
  const textChar = fc
    .string({ unit: "binary", minLength: 1, maxLength: 1 })
    .filter((c) => !/[\u0000-\u0008\u000B-\u001F\u007F\r]/.test(c));
  const text = fc.array(textChar, { maxLength: 120 }).map((chars) => chars.join(""));

  it("arbitrary unicode summaries and categories round-trip through ical.js with no line over 75 octets", () => {
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(
          text.filter((c) => c !== ""),
          { maxLength: 4 },
        ),
        (summary, description, categories) => {
          const ics = buildIcsCalendar({
            name: summary,
            events: [{ uid: "p", date: "2025-01-02", summary, description, categories }],
            now: NOW,
          });
          expect(maxLineOctets(ics)).toBeLessThanOrEqual(75);
          const { calendar, vevents, events } = parse(ics);
          const event = only(events);
          expect(event.summary).toBe(summary);
          if (description !== "") expect(event.description).toBe(description);
          if (categories.length > 0)
            expect(only(vevents).getFirstProperty("categories")?.getValues()).toEqual(categories);
          expect(calendarName(calendar)).toBe(summary);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("arbitrary strings, controls included, never produce a line over 75 octets or a bare line break", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (summary) => {
        const ics = buildIcsCalendar({ name: "x", events: [{ uid: "p", date: "2025-01-02", summary }], now: NOW });
        expect(maxLineOctets(ics)).toBeLessThanOrEqual(75);
        expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
        expect(parse(ics).events).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
