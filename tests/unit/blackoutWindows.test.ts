import { describe, expect, it } from "vitest";
import {
  BLACKOUT_RULES_2022,
  BLACKOUT_RULES_2024,
  assertValidBlackoutRuleSet,
  blackoutRulePresets,
} from "../../lib/domain/blackout/blackoutRules";
import {
  blackoutsForPlan,
  deriveBlackoutWindows,
  type DisclosureEvent,
} from "../../lib/domain/blackout/blackoutWindows";
import { describeBlackoutWindow } from "../../lib/domain/blackout/describeBlackoutWindow";

const one = (e: DisclosureEvent, rules = BLACKOUT_RULES_2022) => {
  const ws = deriveBlackoutWindows([e], rules);
  expect(ws).toHaveLength(1);
  return ws[0]!;
};

describe("blackout rule presets", () => {
  it("ships the 2022 (30/10) and 2024-05-24 (15/5) rules", () => {
    expect(BLACKOUT_RULES_2022).toEqual({ name: "2022 rules", annualDays: 30, quarterlyDays: 10 });
    expect(BLACKOUT_RULES_2024).toEqual({ name: "2024-05-24 rules", annualDays: 15, quarterlyDays: 5 });
    expect(blackoutRulePresets).toEqual([BLACKOUT_RULES_2022, BLACKOUT_RULES_2024]);
    expect(() => assertValidBlackoutRuleSet({ name: "bad", annualDays: -1, quarterlyDays: 5 })).toThrow(RangeError);
  });
});

describe("deriveBlackoutWindows", () => {
  it("annual report on 2025-04-18 under the 2022 rules → [2025-03-19, 2025-04-17] (30 calendar days)", () => {
    const w = one({
      id: "ar24",
      planId: null,
      kind: "annual_report",
      fiscalYear: 2024,
      scheduledDate: "2025-04-18",
      actualDate: "2025-04-18",
    });
    expect(w).toEqual({
      id: "ar24",
      planId: null,
      kind: "annual_report",
      from: "2025-03-19",
      to: "2025-04-17",
      reason: { kind: "annual_report", fiscalYear: 2024, publicationDate: "2025-04-18", days: 30 },
    });
  });

  it("uses the scheduled date when the actual date is not known yet", () => {
    const w = one({
      id: "ar24",
      planId: null,
      kind: "annual_report",
      fiscalYear: 2024,
      scheduledDate: "2025-04-18",
      actualDate: null,
    });
    expect([w.from, w.to]).toEqual(["2025-03-19", "2025-04-17"]);
  });

  it("postponed annual report (scheduled 2025-04-10, published 2025-04-25) → [2025-03-11, 2025-04-24]", () => {
    const w = one({
      id: "ar24",
      planId: null,
      kind: "annual_report",
      fiscalYear: 2024,
      scheduledDate: "2025-04-10",
      actualDate: "2025-04-25",
    });
    expect([w.from, w.to]).toEqual(["2025-03-11", "2025-04-24"]);
    expect(w.reason.scheduledDate).toBe("2025-04-10");
    expect(w.reason.publicationDate).toBe("2025-04-25");
  });

  it("an annual report published early counts back from the actual date", () => {
    const w = one({
      id: "ar",
      planId: null,
      kind: "annual_report",
      scheduledDate: "2025-04-25",
      actualDate: "2025-04-10",
    });
    expect([w.from, w.to]).toEqual(["2025-03-11", "2025-04-09"]);
    expect(w.reason.scheduledDate).toBeUndefined();
  });

  it("semi-annual report under the 2024 rules: 15 days", () => {
    const w = one(
      { id: "sa", planId: null, kind: "semi_annual_report", fiscalYear: 2025, actualDate: "2025-08-28" },
      BLACKOUT_RULES_2024,
    );
    expect([w.from, w.to]).toEqual(["2025-08-13", "2025-08-27"]);
  });

  it("Q3 report on 2024-10-30 with Q = 10 → [2024-10-20, 2024-10-29]", () => {
    const w = one({ id: "q3", planId: null, kind: "q3_report", fiscalYear: 2024, actualDate: "2024-10-30" });
    expect([w.from, w.to]).toEqual(["2024-10-20", "2024-10-29"]);
    expect(w.reason.days).toBe(10);
  });

  it("Q1 report, forecast and express use the quarterly length (5 days under the 2024 rules)", () => {
    for (const kind of ["q1_report", "performance_forecast", "performance_express"] as const) {
      const w = one({ id: kind, planId: null, kind, actualDate: "2025-04-29" }, BLACKOUT_RULES_2024);
      expect([w.from, w.to], kind).toEqual(["2025-04-24", "2025-04-28"]);
    }
  });

  it("major event: from the event until its disclosure, both inclusive", () => {
    const w = one({
      id: "me",
      planId: "p1",
      kind: "major_event",
      title: "Acquisition",
      startDate: "2025-05-06",
      endDate: "2025-05-20",
    });
    expect(w).toEqual({
      id: "me",
      planId: "p1",
      kind: "major_event",
      from: "2025-05-06",
      to: "2025-05-20",
      reason: { kind: "major_event", eventTitle: "Acquisition", publicationDate: "2025-05-20" },
    });
  });

  it("exchange window: [from, to] as entered", () => {
    const w = one({
      id: "ex",
      planId: null,
      kind: "exchange_window",
      title: "SSE notice",
      startDate: "2025-12-01",
      endDate: "2025-12-05",
    });
    expect([w.from, w.to]).toEqual(["2025-12-01", "2025-12-05"]);
    expect(w.reason).toEqual({ kind: "exchange_window", eventTitle: "SSE notice" });
  });

  it("sorts by start, end, id and keeps the event id as window id", () => {
    const ws = deriveBlackoutWindows(
      [
        { id: "b", planId: null, kind: "q3_report", actualDate: "2024-10-30" },
        { id: "a", planId: null, kind: "performance_forecast", actualDate: "2024-10-30" },
        { id: "c", planId: null, kind: "annual_report", actualDate: "2024-04-20" },
      ],
      BLACKOUT_RULES_2022,
    );
    expect(ws.map((w) => w.id)).toEqual(["c", "a", "b"]);
  });

  it("drops zero-length windows and rejects events without the dates they need", () => {
    expect(
      deriveBlackoutWindows([{ id: "x", planId: null, kind: "q1_report", actualDate: "2025-04-29" }], {
        name: "none",
        annualDays: 0,
        quarterlyDays: 0,
      }),
    ).toEqual([]);
    expect(() =>
      deriveBlackoutWindows([{ id: "x", planId: null, kind: "annual_report" }], BLACKOUT_RULES_2022),
    ).toThrow(RangeError);
    expect(() =>
      deriveBlackoutWindows(
        [{ id: "x", planId: null, kind: "major_event", startDate: "2025-01-01" }],
        BLACKOUT_RULES_2022,
      ),
    ).toThrow(RangeError);
    expect(() =>
      deriveBlackoutWindows(
        [{ id: "x", planId: null, kind: "major_event", startDate: "2025-01-02", endDate: "2025-01-01" }],
        BLACKOUT_RULES_2022,
      ),
    ).toThrow(RangeError);
    expect(() =>
      deriveBlackoutWindows(
        [{ id: "x", planId: null, kind: "q1_report", actualDate: "2025-4-29" }],
        BLACKOUT_RULES_2022,
      ),
    ).toThrow(RangeError);
  });

  it("blackoutsForPlan keeps company-wide windows and the plan's own only", () => {
    const ws = deriveBlackoutWindows(
      [
        { id: "all", planId: null, kind: "q1_report", actualDate: "2025-04-29" },
        { id: "mine", planId: "p1", kind: "major_event", startDate: "2025-05-01", endDate: "2025-05-02" },
        { id: "other", planId: "p2", kind: "major_event", startDate: "2025-05-01", endDate: "2025-05-02" },
      ],
      BLACKOUT_RULES_2022,
    );
    expect(blackoutsForPlan(ws, "p1").map((w) => w.id)).toEqual(["all", "mine"]);
  });
});

describe("describeBlackoutWindow", () => {
  it("shows a major event's English title to English readers and the Chinese one to Chinese readers", () => {
    const [w] = deriveBlackoutWindows(
      [
        {
          id: "m",
          planId: null,
          kind: "major_event",
          title: "筹划重大资产购买事项",
          titleEn: "planning a major asset purchase",
          startDate: "2026-11-16",
          endDate: "2026-11-27",
        },
      ],
      BLACKOUT_RULES_2022,
    );
    expect(describeBlackoutWindow(w!, "en")).toBe(
      "Major event: planning a major asset purchase, from 2026-11-16 until its disclosure on 2026-11-27",
    );
    expect(describeBlackoutWindow(w!, "zh-CN")).toBe(
      "重大事件（筹划重大资产购买事项）：自2026-11-16起至依法披露之日（2026-11-27）",
    );
    const [untranslated] = deriveBlackoutWindows(
      [{ id: "n", planId: null, kind: "major_event", title: "收购", startDate: "2026-01-05", endDate: "2026-01-09" }],
      BLACKOUT_RULES_2022,
    );
    expect(describeBlackoutWindow(untranslated!, "en")).toBe(
      "Major event: 收购, from 2026-01-05 until its disclosure on 2026-01-09",
    );
  });

  it("annual report, English and Chinese", () => {
    const w = one({ id: "ar", planId: null, kind: "annual_report", fiscalYear: 2024, actualDate: "2025-04-18" });
    expect(describeBlackoutWindow(w, "en")).toBe("30 days before the 2024 annual report on 2025-04-18");
    expect(describeBlackoutWindow(w, "zh-CN")).toBe("2024年年度报告（2025-04-18）披露前30日");
  });

  it("postponed annual report mentions the originally scheduled date", () => {
    const w = one({
      id: "ar",
      planId: null,
      kind: "annual_report",
      fiscalYear: 2024,
      scheduledDate: "2025-04-10",
      actualDate: "2025-04-25",
    });
    expect(describeBlackoutWindow(w, "en")).toBe(
      "30 days before the originally scheduled date (2025-04-10) of the 2024 annual report, until its publication on 2025-04-25",
    );
    expect(describeBlackoutWindow(w, "zh-CN")).toBe(
      "2024年年度报告原预约披露日（2025-04-10）前30日至实际披露日（2025-04-25）前一日",
    );
  });

  it("quarterly, forecast, express, without fiscal year, major event and exchange window", () => {
    const q3 = one({ id: "q3", planId: null, kind: "q3_report", fiscalYear: 2024, actualDate: "2024-10-30" });
    expect(describeBlackoutWindow(q3, "en")).toBe("10 days before the 2024 Q3 report on 2024-10-30");
    expect(describeBlackoutWindow(q3, "zh-CN")).toBe("2024年第三季度报告（2024-10-30）披露前10日");
    const pf = one(
      { id: "pf", planId: null, kind: "performance_forecast", fiscalYear: 2024, actualDate: "2025-01-20" },
      BLACKOUT_RULES_2024,
    );
    expect(describeBlackoutWindow(pf, "zh-CN")).toBe("2024年度业绩预告（2025-01-20）披露前5日");
    const sa = one({ id: "sa", planId: null, kind: "semi_annual_report", actualDate: "2025-08-28" });
    expect(describeBlackoutWindow(sa, "en")).toBe("30 days before the semi-annual report on 2025-08-28");
    expect(describeBlackoutWindow(sa, "zh-CN")).toBe("半年度报告（2025-08-28）披露前30日");
    const me = one({
      id: "me",
      planId: null,
      kind: "major_event",
      title: "Acquisition",
      startDate: "2025-05-06",
      endDate: "2025-05-20",
    });
    expect(describeBlackoutWindow(me, "en")).toBe(
      "Major event: Acquisition, from 2025-05-06 until its disclosure on 2025-05-20",
    );
    expect(describeBlackoutWindow(me, "zh-CN")).toBe(
      "重大事件（Acquisition）：自2025-05-06起至依法披露之日（2025-05-20）",
    );
    const ex = one({ id: "ex", planId: null, kind: "exchange_window", startDate: "2025-12-01", endDate: "2025-12-05" });
    expect(describeBlackoutWindow(ex, "en")).toBe("Period set by the exchange: 2025-12-01 to 2025-12-05");
    expect(describeBlackoutWindow(ex, "zh-CN")).toBe("证券交易所规定的其他期间：2025-12-01至2025-12-05");
  });
});
