import { describe, expect, it } from "vitest";
import { checkExDate } from "@/lib/domain/adjustments/exDate";
import { TradingCalendar } from "@/lib/domain/calendar/tradingCalendar";

describe("a corporate action's ex-date", () => {
  const calendar = TradingCalendar.sse({ closures: [] });

  it("is a trading day: weekends and closures are refused with the next trading day", () => {
    expect(checkExDate(calendar, "2026-11-20")).toEqual([]);
    expect(checkExDate(calendar, "2026-11-22")).toMatchObject([
      { code: "EX_DATE_NOT_TRADING_DAY", details: { exDate: "2026-11-22", next: "2026-11-23", reason: "weekend" } },
    ]);
    const [holiday] = checkExDate(calendar, "2026-10-01");
    expect(holiday).toMatchObject({ code: "EX_DATE_NOT_TRADING_DAY", details: { next: "2026-10-08" } });
    expect(holiday!.details.reason).toEqual(expect.any(String));
  });

  it("outside the published calendar, refuses weekends only, without guessing the next day", () => {
    const year = calendar.lastPublishedYear + 1;
    // 6 and 7 June of the next year: one of them is at a weekend at most every few years, so both are
    // classified by the weekday directly.
    for (const iso of [`${year}-06-06`, `${year}-06-07`, `${year}-01-05`]) {
      const weekend = [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
      const result = checkExDate(calendar, iso);
      if (weekend) expect(result, iso).toMatchObject([{ code: "EX_DATE_NOT_TRADING_DAY", details: { next: null } }]);
      else expect(result, iso).toEqual([]);
    }
    // 2027-06-05 is a Saturday whatever the closures will be.
    if (year === 2027) expect(checkExDate(calendar, "2027-06-05")).toHaveLength(1);
  });
});
