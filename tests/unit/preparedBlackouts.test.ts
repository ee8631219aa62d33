import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDayNumber, toDayNumber } from "../../lib/domain/calendar/isoDate";
import type { BlackoutWindow } from "../../lib/domain/blackout/blackoutWindows";
import { PreparedBlackouts, asPreparedBlackouts, prepareBlackouts } from "../../lib/domain/blackout/preparedBlackouts";

const win = (id: string, from: string, to: string): BlackoutWindow => ({
  id,
  planId: null,
  kind: "major_event",
  from,
  to,
  reason: { kind: "major_event" },
});

describe("PreparedBlackouts", () => {
  it("finds every window containing a day, including long windows that started much earlier", () => {
    const p = prepareBlackouts([
      win("short", "2025-03-01", "2025-03-05"),
      win("long", "2025-01-01", "2025-12-31"),
      win("late", "2025-03-04", "2025-03-10"),
    ]);
    expect(p.containing(toDayNumber("2025-03-04")).map((w) => w.id)).toEqual(["long", "short", "late"]);
    expect(p.containing(toDayNumber("2025-03-06")).map((w) => w.id)).toEqual(["long", "late"]);
    expect(p.containing(toDayNumber("2026-01-01"))).toEqual([]);
    expect(p.containing(toDayNumber("2024-12-31"))).toEqual([]);
    expect(p.size).toBe(3);
  });

  it("treats both ends as inclusive", () => {
    const p = prepareBlackouts([win("w", "2025-03-01", "2025-03-05")]);
    expect(p.containing(toDayNumber("2025-03-01"))).toHaveLength(1);
    expect(p.containing(toDayNumber("2025-03-05"))).toHaveLength(1);
    expect(p.containing(toDayNumber("2025-02-28"))).toHaveLength(0);
    expect(p.containing(toDayNumber("2025-03-06"))).toHaveLength(0);
  });

  it("rejects inverted windows and passes prepared indexes through", () => {
    expect(() => prepareBlackouts([win("bad", "2025-03-05", "2025-03-01")])).toThrow(RangeError);
    const p = prepareBlackouts([]);
    expect(asPreparedBlackouts(p)).toBe(p);
    expect(asPreparedBlackouts([])).toBeInstanceOf(PreparedBlackouts);
  });

  it("property: agrees with a linear scan", () => {
    const arbWindow = fc.tuple(fc.integer({ min: 20_000, max: 20_400 }), fc.integer({ min: 0, max: 60 }));
    fc.assert(
      fc.property(fc.array(arbWindow, { maxLength: 30 }), fc.integer({ min: 19_990, max: 20_470 }), (spans, day) => {
        const ws = spans.map(([from, len], i) => win(`w${i}`, fromDayNumber(from), fromDayNumber(from + len)));
        const p = prepareBlackouts(ws);
        const expected = ws
          .filter((w) => toDayNumber(w.from) <= day && day <= toDayNumber(w.to))
          .map((w) => w.id)
          .sort();
        expect(
          p
            .containing(day)
            .map((w) => w.id)
            .sort(),
        ).toEqual(expected);
      }),
    );
  });
});
