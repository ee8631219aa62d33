import { describe, expect, it } from "vitest";
import { TradingCalendar } from "../../lib/domain/calendar/tradingCalendar";
import type { BlackoutWindow } from "../../lib/domain/blackout/blackoutWindows";
import { checkVestingDate } from "../../lib/domain/vesting/vestingDateCheck";
import { prepareBlackouts } from "../../lib/domain/vesting/earliestVestingDate";

const cal = TradingCalendar.sse();
const win = (id: string, from: string, to: string): BlackoutWindow => ({
  id,
  planId: null,
  kind: "q1_report",
  from,
  to,
  reason: { kind: "q1_report", days: 10 },
});
const demo = { open: "2022-06-02", close: "2023-06-01" };
const codes = (vs: { code: string }[]) => vs.map((v) => v.code);

describe("checkVestingDate", () => {
  it("accepts a trading day inside the window, outside blackouts and within validity", () => {
    expect(checkVestingDate(cal, "2022-06-02", demo, [], "2026-06-01")).toEqual([]);
    expect(checkVestingDate(cal, "2023-06-01", demo, [], "2023-06-01")).toEqual([]);
  });

  it("NOT_A_TRADING_DAY on holidays and weekends, with the closure reason", () => {
    const v = checkVestingDate(cal, "2022-06-03", demo, [], null);
    expect(codes(v)).toEqual(["NOT_A_TRADING_DAY"]);
    // The refusal offers the next permissible day: Monday after the festival.
    expect(v[0]!.details).toEqual({ date: "2022-06-03", closureReason: "Dragon Boat Festival", next: "2022-06-06" });
    expect(codes(checkVestingDate(cal, "2022-06-04", demo, [], null))).toEqual(["NOT_A_TRADING_DAY"]);
  });

  it("OUTSIDE_WINDOW one day before the open and one day after the close", () => {
    expect(codes(checkVestingDate(cal, "2022-06-01", demo, [], null))).toEqual(["OUTSIDE_WINDOW"]);
    expect(codes(checkVestingDate(cal, "2023-06-02", demo, [], null))).toEqual(["OUTSIDE_WINDOW"]);
  });

  it("IN_BLACKOUT lists every window containing the date", () => {
    const a = win("a", "2022-10-20", "2022-10-29");
    const b = win("b", "2022-10-25", "2022-11-02");
    const v = checkVestingDate(cal, "2022-10-26", demo, prepareBlackouts([a, b]), null);
    expect(codes(v)).toEqual(["IN_BLACKOUT"]);
    // The next day out of both windows: the first trading day after b ends on 2022-11-02.
    expect(v[0]!.details).toEqual({ date: "2022-10-26", windows: [a, b], next: "2022-11-03" });
    expect(checkVestingDate(cal, "2022-10-19", demo, [a, b], null)).toEqual([]);
    expect(checkVestingDate(cal, "2022-11-03", demo, [a, b], null)).toEqual([]);
  });

  it("AFTER_VALIDITY_END only strictly after the validity end", () => {
    expect(codes(checkVestingDate(cal, "2023-05-31", demo, [], "2023-05-30"))).toEqual(["AFTER_VALIDITY_END"]);
    expect(checkVestingDate(cal, "2023-05-30", demo, [], "2023-05-30")).toEqual([]);
  });

  it("reports every broken rule at once", () => {
    const v = checkVestingDate(cal, "2023-06-03", demo, [win("x", "2023-06-01", "2023-06-05")], "2023-06-01");
    expect(codes(v)).toEqual(["NOT_A_TRADING_DAY", "OUTSIDE_WINDOW", "IN_BLACKOUT", "AFTER_VALIDITY_END"]);
    expect(v[0]!.message).toMatch(/trading day/);
  });

  it("CALENDAR_NOT_PUBLISHED for uncovered dates; a pending window bound is beyond coverage", () => {
    const pending = { open: "2026-06-02", close: null };
    expect(codes(checkVestingDate(cal, "2027-01-05", pending, [], null))).toEqual(["CALENDAR_NOT_PUBLISHED"]);
    expect(checkVestingDate(cal, "2026-12-31", pending, [], null)).toEqual([]);
    expect(codes(checkVestingDate(cal, "2026-12-31", { open: null, close: null }, [], null))).toEqual([
      "OUTSIDE_WINDOW",
    ]);
  });

  it("rejects malformed dates", () => {
    expect(() => checkVestingDate(cal, "2023-6-1", demo, [], null)).toThrow(RangeError);
  });
});
