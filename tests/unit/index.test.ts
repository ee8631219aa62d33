import { describe, expect, it } from "vitest";
import * as domain from "../../lib/domain";

describe("lib/domain public API", () => {
  it("exports the integration surface by name", () => {
    const names = [
      "RuleError",
      "ruleMessages",
      "TradingCalendar",
      "SSE_CLOSURES",
      "SSE_CALENDAR_LAST_YEAR",
      "addMonthsClamped",
      "addDays",
      "toDayNumber",
      "fromDayNumber",
      "weekday",
      "compareIsoDates",
      "todayInShanghai",
      "vestingWindow",
      "splitTrancheQuantities",
      "BLACKOUT_RULES_2022",
      "BLACKOUT_RULES_2024",
      "blackoutRulePresets",
      "deriveBlackoutWindows",
      "describeBlackoutWindow",
      "earliestVestingDate",
      "prepareBlackouts",
      "checkVestingDate",
      "DEFAULT_GRADE_TABLE",
      "individualRatio",
      "vestedQuantity",
      "deriveTranches",
      "checkGrantCaps",
      "checkPlanSetup",
      "reserveDeadline",
      "unallocatedReserveLapsed",
      "checkPublicityPeriod",
      "checkVerification",
      "verifyingBodyFor",
      "isVerificationStale",
      "adjustQuantity",
      "adjustPrice",
      "applyCorporateAction",
    ];
    for (const name of names) expect(domain, name).toHaveProperty(name);
  });

  it("the demo grant works end to end through the public API", () => {
    const calendar = domain.TradingCalendar.sse();
    const windows = domain.deriveBlackoutWindows(
      [
        {
          id: "ar2021",
          planId: null,
          kind: "annual_report",
          fiscalYear: 2021,
          scheduledDate: "2022-04-28",
          actualDate: "2022-04-28",
        },
      ],
      domain.BLACKOUT_RULES_2022,
    );
    const r = domain.deriveTranches({
      grant: { id: "demo", grantDate: "2021-06-02", quantity: 800_000, grantPrice: "45.86" },
      tranches: [
        { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
        { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
        { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
      ],
      adjustments: [{ type: "dividend", exDate: "2022-06-15", v: "0.60" }],
      appraisals: [],
      vestings: [],
      leaveDate: null,
      gradeTable: domain.DEFAULT_GRADE_TABLE,
      blackouts: domain.prepareBlackouts(windows),
      calendar,
      asOf: "2022-07-01",
      validityEnd: "2026-06-01",
    });
    expect(r.grantPrice).toBe("45.26");
    expect(r.tranches.map((t) => t.plannedQuantity)).toEqual([264_000, 264_000, 272_000]);
    expect([r.tranches[0]!.windowOpen, r.tranches[0]!.windowClose, r.tranches[0]!.status]).toEqual([
      "2022-06-02",
      "2023-06-01",
      "vestable",
    ]);
  });
});
