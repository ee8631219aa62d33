import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TradingCalendar } from "../../lib/domain/calendar/tradingCalendar";
import { addDays, fromDayNumber } from "../../lib/domain/calendar/isoDate";
import type { BlackoutWindow } from "../../lib/domain/blackout/blackoutWindows";
import { prepareBlackouts } from "../../lib/domain/vesting/earliestVestingDate";
import { DEFAULT_GRADE_TABLE } from "../../lib/domain/vesting/appraisal";
import { deriveTranches, type DeriveTranchesInput } from "../../lib/domain/vesting/deriveTranches";
import type { CorporateActionInput } from "../../lib/domain/adjustments/corporateActions";

const cal = TradingCalendar.sse();
const ARRANGEMENT = [
  { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
  { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
  { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
];
// Demo grant 2021-06-02. Windows (checked against the SSE calendar):
// T1 2022-06-02 .. 2023-06-01 (G+24m = Fri 2023-06-02 → the day before).
// T2 2023-06-02 (Fri) .. 2024-05-31 (G+36m = Sun 2024-06-02 → Fri 2024-05-31).
// T3 2024-06-03 (G+36m is a Sunday → Mon) .. 2025-05-30 (G+48m = Mon 2025-06-02, Dragon Boat
//    closure, so the last trading day before it is Fri 2025-05-30).
const DIVIDEND: CorporateActionInput = { type: "dividend", exDate: "2022-06-15", v: "0.60" };
const CAPITALISATION: CorporateActionInput = { type: "capitalisation", exDate: "2023-05-25", n: "0.4" };

function input(overrides: Partial<DeriveTranchesInput> = {}): DeriveTranchesInput {
  return {
    grant: { id: "g1", grantDate: "2021-06-02", quantity: 800_000, grantPrice: "45.86" },
    tranches: ARRANGEMENT,
    adjustments: [],
    appraisals: [],
    vestings: [],
    leaveDate: null,
    gradeTable: DEFAULT_GRADE_TABLE,
    blackouts: prepareBlackouts([]),
    calendar: cal,
    asOf: "2022-01-10",
    validityEnd: "2026-06-01",
    ...overrides,
  };
}
const win = (id: string, from: string, to: string): BlackoutWindow => ({
  id,
  planId: null,
  kind: "major_event",
  from,
  to,
  reason: { kind: "major_event" },
});
const pick = <K extends string>(ts: readonly Record<string, unknown>[], ...keys: K[]) =>
  ts.map((t) => Object.fromEntries(keys.map((k) => [k, t[k]])));

describe("deriveTranches: fresh grant", () => {
  it("splits 33/33/34 of 800,000 and computes the windows", () => {
    const r = deriveTranches(input());
    expect(r.grantPrice).toBe("45.86");
    expect(r.quantity).toBe(800_000);
    expect(r.adjustmentHistory).toEqual([]);
    expect(r.tranches[0]).toEqual({
      index: 1,
      ratio: "0.33",
      plannedQuantity: 264_000,
      windowOpen: "2022-06-02",
      windowClose: "2023-06-01",
      calendarPending: false,
      earliestVestingDate: "2022-06-02",
      earliestReason: null,
      deferredBy: [],
      status: "pending",
      vestedQuantity: 0,
      lapsedQuantity: 0,
      vestingDate: null,
      lapseReason: null,
    });
    expect(pick(r.tranches, "plannedQuantity", "windowOpen", "windowClose")).toEqual([
      { plannedQuantity: 264_000, windowOpen: "2022-06-02", windowClose: "2023-06-01" },
      { plannedQuantity: 264_000, windowOpen: "2023-06-02", windowClose: "2024-05-31" },
      { plannedQuantity: 272_000, windowOpen: "2024-06-03", windowClose: "2025-05-30" },
    ]);
  });

  it("is vestable from the window open through the close, pending before", () => {
    expect(deriveTranches(input({ asOf: "2022-06-01" })).tranches[0]!.status).toBe("pending");
    expect(deriveTranches(input({ asOf: "2022-06-02" })).tranches[0]!.status).toBe("vestable");
    expect(deriveTranches(input({ asOf: "2023-06-01" })).tranches[0]!.status).toBe("vestable");
  });

  it("orders tranches by index whatever the input order", () => {
    const r = deriveTranches(input({ tranches: [ARRANGEMENT[2]!, ARRANGEMENT[0]!, ARRANGEMENT[1]!] }));
    expect(r.tranches.map((t) => t.index)).toEqual([1, 2, 3]);
    expect(r.tranches[2]!.plannedQuantity).toBe(272_000);
  });

  it("reports the earliest date deferred by a blackout over the window open", () => {
    const me = win("me", "2022-05-20", "2022-06-10");
    const t1 = deriveTranches(input({ blackouts: prepareBlackouts([me]) })).tranches[0]!;
    expect(t1.earliestVestingDate).toBe("2022-06-13");
    expect(t1.deferredBy).toEqual([me]);
    // Raw (unprepared) windows are accepted too.
    expect(deriveTranches(input({ blackouts: [me] })).tranches[0]!.earliestVestingDate).toBe("2022-06-13");
  });

  it("marks windows beyond the published calendar as pending", () => {
    const r = deriveTranches(
      input({
        grant: { id: "g2", grantDate: "2025-06-03", quantity: 1_000, grantPrice: "10.00" },
        asOf: "2025-07-01",
        validityEnd: null,
      }),
    );
    expect(
      pick(
        r.tranches,
        "windowOpen",
        "windowClose",
        "calendarPending",
        "earliestVestingDate",
        "earliestReason",
        "status",
      ),
    ).toEqual([
      {
        windowOpen: "2026-06-03",
        windowClose: null,
        calendarPending: true,
        earliestVestingDate: "2026-06-03",
        earliestReason: null,
        status: "pending",
      },
      {
        windowOpen: null,
        windowClose: null,
        calendarPending: true,
        earliestVestingDate: null,
        earliestReason: "exchange calendar not yet published",
        status: "pending",
      },
      {
        windowOpen: null,
        windowClose: null,
        calendarPending: true,
        earliestVestingDate: null,
        earliestReason: "exchange calendar not yet published",
        status: "pending",
      },
    ]);
  });
});

describe("deriveTranches: corporate actions", () => {
  it("dividend 2022-06-15: 45.86 − 0.60 = 45.26, quantities unchanged", () => {
    const r = deriveTranches(input({ adjustments: [DIVIDEND], asOf: "2022-07-01" }));
    expect(r.grantPrice).toBe("45.26");
    expect(r.quantity).toBe(800_000);
    expect(r.adjustmentHistory).toEqual([
      {
        date: "2022-06-15",
        type: "dividend",
        priceBefore: "45.86",
        priceAfter: "45.26",
        quantityBefore: 800_000,
        quantityAfter: 800_000,
        flags: [],
      },
    ]);
  });

  it("does not adjust a grant made on or after the ex-date: it was priced after the event", () => {
    const onExDate = deriveTranches(
      input({
        grant: { id: "g2", grantDate: "2022-06-15", quantity: 1000, grantPrice: "45.26" },
        adjustments: [DIVIDEND],
        asOf: "2023-01-10",
      }),
    );
    expect(onExDate.grantPrice).toBe("45.26");
    expect(onExDate.adjustmentHistory).toEqual([]);
    const dayBefore = deriveTranches(
      input({
        grant: { id: "g3", grantDate: "2022-06-14", quantity: 1000, grantPrice: "45.86" },
        adjustments: [DIVIDEND],
        asOf: "2023-01-10",
      }),
    );
    expect(dayBefore.grantPrice).toBe("45.26");
    expect(dayBefore.adjustmentHistory).toHaveLength(1);
  });

  it("does not adjust a grant with nothing outstanding on the ex-date (price included)", () => {
    const vestings = [
      { trancheIndex: 1, vestingDate: "2022-06-20" },
      { trancheIndex: 2, vestingDate: "2023-06-19" },
      { trancheIndex: 3, vestingDate: "2024-06-24" },
    ];
    const late: CorporateActionInput = { type: "dividend", exDate: "2024-06-24", v: "0.60" };
    const r = deriveTranches(input({ adjustments: [late], vestings, asOf: "2024-07-01" }));
    expect(r.grantPrice).toBe("45.86");
    expect(r.adjustmentHistory).toEqual([]);
    const oneDayEarlier = deriveTranches(
      input({ adjustments: [{ ...late, exDate: "2024-06-21" }], vestings, asOf: "2024-07-01" }),
    );
    expect(oneDayEarlier.grantPrice).toBe("45.26");
  });

  it("ignores corporate actions whose ex-date is after asOf", () => {
    const r = deriveTranches(input({ adjustments: [DIVIDEND], asOf: "2022-06-14" }));
    expect(r.grantPrice).toBe("45.86");
    expect(r.adjustmentHistory).toEqual([]);
  });

  it("a 4-for-10 capitalisation adjusts unvested tranches only (T1 vested before the ex-date)", () => {
    const r = deriveTranches(
      input({
        adjustments: [DIVIDEND, CAPITALISATION],
        appraisals: [{ trancheIndex: 1, companyRatio: "1", grade: "A" }],
        vestings: [{ trancheIndex: 1, vestingDate: "2022-07-15" }],
        asOf: "2023-07-01",
      }),
    );
    expect(r.grantPrice).toBe("32.33"); // 45.26 / 1.4 = 32.3286
    expect(pick(r.tranches, "plannedQuantity", "status")).toEqual([
      { plannedQuantity: 264_000, status: "vested" },
      { plannedQuantity: 369_600, status: "vestable" },
      { plannedQuantity: 380_800, status: "pending" },
    ]);
    expect(r.quantity).toBe(264_000 + 369_600 + 380_800);
    expect(r.adjustmentHistory[1]).toEqual({
      date: "2023-05-25",
      type: "capitalisation",
      priceBefore: "45.26",
      priceAfter: "32.33",
      quantityBefore: 800_000,
      quantityAfter: 1_014_400,
      flags: [],
    });
  });

  it("a tranche vested on the ex-date is not adjusted; one vested the day after is", () => {
    const base = {
      adjustments: [CAPITALISATION],
      appraisals: [{ trancheIndex: 1, companyRatio: "1", grade: "A" }],
      asOf: "2023-07-01",
    };
    const onEx = deriveTranches(input({ ...base, vestings: [{ trancheIndex: 1, vestingDate: "2023-05-25" }] }))
      .tranches[0]!;
    expect([onEx.plannedQuantity, onEx.vestedQuantity]).toEqual([264_000, 264_000]);
    const after = deriveTranches(input({ ...base, vestings: [{ trancheIndex: 1, vestingDate: "2023-05-26" }] }))
      .tranches[0]!;
    expect([after.plannedQuantity, after.vestedQuantity]).toEqual([369_600, 369_600]);
  });

  it("applies actions in ex-date order even when given out of order; same-day actions keep input order", () => {
    const a = deriveTranches(input({ adjustments: [CAPITALISATION, DIVIDEND], asOf: "2023-07-01" }));
    expect(a.adjustmentHistory.map((h) => h.date)).toEqual(["2022-06-15", "2023-05-25"]);
    expect(a.grantPrice).toBe("32.33");
    const sameDay = deriveTranches(
      input({
        adjustments: [{ type: "dividend", exDate: "2023-05-25", v: "0.26" }, CAPITALISATION],
        asOf: "2023-07-01",
      }),
    );
    expect(sameDay.adjustmentHistory.map((h) => h.type)).toEqual(["dividend", "capitalisation"]);
    expect(sameDay.grantPrice).toBe("32.57"); // (45.86 − 0.26) / 1.4
  });

  it("throws PRICE_BELOW_PAR and INVALID_ADJUSTMENT, and flags prices at or below 1 yuan", () => {
    const tooMuch: CorporateActionInput = { type: "dividend", exDate: "2022-06-15", v: "45.00" };
    expect(() => deriveTranches(input({ adjustments: [tooMuch], asOf: "2022-07-01" }))).toThrow(
      expect.objectContaining({ code: "PRICE_BELOW_PAR" }),
    );
    const flagged = deriveTranches(input({ adjustments: [tooMuch], asOf: "2022-07-01", parValue: "0.10" }));
    expect(flagged.adjustmentHistory[0]!.flags).toEqual(["PRICE_AT_OR_BELOW_ONE_YUAN"]);
    expect(flagged.grantPrice).toBe("0.86");
    expect(() =>
      deriveTranches(input({ adjustments: [{ type: "split", exDate: "2022-06-15" }], asOf: "2022-07-01" })),
    ).toThrow(expect.objectContaining({ code: "INVALID_ADJUSTMENT" }));
  });
});

describe("deriveTranches: appraisal and vesting", () => {
  it("a vested tranche gets floor(planned × company × individual); the rest lapses (appraisal)", () => {
    const t1 = deriveTranches(
      input({
        appraisals: [{ trancheIndex: 1, companyRatio: "0.9", grade: "C" }],
        vestings: [{ trancheIndex: 1, vestingDate: "2022-07-15" }],
        asOf: "2022-08-01",
      }),
    ).tranches[0]!;
    // 264,000 × 0.9 × 0.8 = 190,080
    expect(t1).toMatchObject({
      status: "vested",
      vestedQuantity: 190_080,
      lapsedQuantity: 73_920,
      vestingDate: "2022-07-15",
      lapseReason: "appraisal",
      earliestVestingDate: null,
    });
  });

  it("a full vesting has no lapse reason; a vesting without appraisal record vests in full", () => {
    const full = deriveTranches(
      input({
        appraisals: [{ trancheIndex: 1, companyRatio: "1", grade: "B" }],
        vestings: [{ trancheIndex: 1, vestingDate: "2022-07-15" }],
        asOf: "2022-08-01",
      }),
    ).tranches[0]!;
    expect(full).toMatchObject({ status: "vested", vestedQuantity: 264_000, lapsedQuantity: 0, lapseReason: null });
    const noAppraisal = deriveTranches(
      input({ vestings: [{ trancheIndex: 1, vestingDate: "2022-07-15" }], asOf: "2022-08-01" }),
    ).tranches[0]!;
    expect(noAppraisal).toMatchObject({ status: "vested", vestedQuantity: 264_000, lapsedQuantity: 0 });
  });

  it("an appraisal giving zero lapses the tranche (appraisal) before any vesting", () => {
    const t1 = deriveTranches(
      input({ appraisals: [{ trancheIndex: 1, companyRatio: "1", grade: "D" }], asOf: "2022-07-01" }),
    ).tranches[0]!;
    expect(t1).toMatchObject({
      status: "lapsed",
      vestedQuantity: 0,
      lapsedQuantity: 264_000,
      lapseReason: "appraisal",
      earliestVestingDate: null,
    });
  });

  it("a partial appraisal voids its share at once while the rest stays vestable", () => {
    const t1 = deriveTranches(
      input({ appraisals: [{ trancheIndex: 1, companyRatio: "0.8", grade: "A" }], asOf: "2022-07-01" }),
    ).tranches[0]!;
    expect(t1).toMatchObject({
      status: "vestable",
      vestedQuantity: 0,
      lapsedQuantity: 52_800,
      lapseReason: "appraisal",
      earliestVestingDate: "2022-07-01",
    });
  });

  it("ignores a recorded vesting dated after asOf", () => {
    const t1 = deriveTranches(input({ vestings: [{ trancheIndex: 1, vestingDate: "2022-07-15" }], asOf: "2022-07-14" }))
      .tranches[0]!;
    expect(t1.status).toBe("vestable");
  });

  it("rejects duplicate or unknown tranche references", () => {
    expect(() =>
      deriveTranches(
        input({
          vestings: [
            { trancheIndex: 1, vestingDate: "2022-07-15" },
            { trancheIndex: 1, vestingDate: "2022-07-16" },
          ],
        }),
      ),
    ).toThrow(RangeError);
    expect(() => deriveTranches(input({ appraisals: [{ trancheIndex: 4, companyRatio: "1", grade: "A" }] }))).toThrow(
      RangeError,
    );
    expect(() => deriveTranches(input({ tranches: [ARRANGEMENT[0]!, ARRANGEMENT[0]!] }))).toThrow(RangeError);
    expect(() => deriveTranches(input({ appraisals: [{ trancheIndex: 1, companyRatio: "1", grade: "Z" }] }))).toThrow(
      expect.objectContaining({ code: "INVALID_RATIOS" }),
    );
  });
});

describe("deriveTranches: lapses", () => {
  it("window closed without vesting → lapsed the day after the close", () => {
    expect(deriveTranches(input({ asOf: "2023-06-01" })).tranches[0]!.status).toBe("vestable");
    const t1 = deriveTranches(input({ asOf: "2023-06-02" })).tranches[0]!;
    expect(t1).toMatchObject({ status: "lapsed", lapsedQuantity: 264_000, lapseReason: "window_closed" });
  });

  it("leaving voids every tranche not vested on or before the leave date", () => {
    const r = deriveTranches(
      input({
        appraisals: [
          { trancheIndex: 1, companyRatio: "1", grade: "A" },
          { trancheIndex: 2, companyRatio: "1", grade: "A" },
        ],
        vestings: [
          { trancheIndex: 1, vestingDate: "2022-07-15" },
          { trancheIndex: 2, vestingDate: "2023-08-01" },
        ],
        leaveDate: "2023-08-01",
        asOf: "2023-09-01",
      }),
    );
    expect(pick(r.tranches, "status", "vestedQuantity", "lapsedQuantity", "lapseReason")).toEqual([
      { status: "vested", vestedQuantity: 264_000, lapsedQuantity: 0, lapseReason: null },
      { status: "vested", vestedQuantity: 264_000, lapsedQuantity: 0, lapseReason: null },
      { status: "lapsed", vestedQuantity: 0, lapsedQuantity: 272_000, lapseReason: "left" },
    ]);
    // A vesting recorded after the leave date does not count.
    const late = deriveTranches(
      input({
        vestings: [{ trancheIndex: 2, vestingDate: "2023-08-02" }],
        leaveDate: "2023-08-01",
        asOf: "2023-09-01",
      }),
    );
    expect(late.tranches[1]).toMatchObject({ status: "lapsed", lapseReason: "left", lapsedQuantity: 264_000 });
  });

  it("unvested awards are void from the departure date itself", () => {
    const onLeaveDay = deriveTranches(input({ leaveDate: "2023-08-01", asOf: "2023-08-01" }));
    expect(onLeaveDay.tranches[1]).toMatchObject({ status: "lapsed", lapseReason: "left" });
    expect(deriveTranches(input({ leaveDate: "2023-08-01", asOf: "2023-07-31" })).tranches[1]!.status).toBe("vestable");
  });

  it("a future leave date caps the earliest vesting date", () => {
    const r = deriveTranches(input({ leaveDate: "2023-08-01", asOf: "2023-07-01" }));
    expect(r.tranches[1]).toMatchObject({ status: "vestable", earliestVestingDate: "2023-07-03" });
    expect(r.tranches[2]).toMatchObject({
      status: "pending",
      earliestVestingDate: null,
      earliestReason: "no permissible day left in the window",
    });
    // Blackout until the leave date leaves nothing.
    const blocked = deriveTranches(
      input({ leaveDate: "2023-08-01", asOf: "2023-07-01", blackouts: [win("x", "2023-06-20", "2023-08-01")] }),
    );
    expect(blocked.tranches[1]).toMatchObject({
      earliestVestingDate: null,
      earliestReason: "no permissible day left in the window",
    });
  });

  it("a tranche that lapsed before an ex-date is not adjusted (left on the ex-date counts as before)", () => {
    const left = (leaveDate: string) =>
      deriveTranches(input({ adjustments: [CAPITALISATION], leaveDate, asOf: "2023-07-01" }));
    expect(left("2023-05-25").tranches[1]).toMatchObject({
      plannedQuantity: 264_000,
      status: "lapsed",
      lapseReason: "left",
    });
    expect(left("2023-05-26").tranches[1]).toMatchObject({
      plannedQuantity: 369_600,
      status: "lapsed",
      lapseReason: "left",
    });
    // T1's window closed 2023-06-01, after the ex-date: it was still outstanding and is adjusted.
    expect(deriveTranches(input({ adjustments: [CAPITALISATION], asOf: "2023-07-01" })).tranches[0]).toMatchObject({
      plannedQuantity: 369_600,
      status: "lapsed",
      lapseReason: "window_closed",
    });
  });

  it("validity end: lapses the day after, and caps the earliest date before", () => {
    const before = deriveTranches(input({ validityEnd: "2023-12-31", asOf: "2023-12-29" }));
    expect(before.tranches[1]).toMatchObject({ status: "vestable", earliestVestingDate: "2023-12-29" });
    expect(before.tranches[2]).toMatchObject({
      status: "pending",
      earliestVestingDate: null,
      earliestReason: "no permissible day left in the window",
    });
    const after = deriveTranches(input({ validityEnd: "2023-12-31", asOf: "2024-01-01" }));
    expect(pick(after.tranches, "status", "lapseReason")).toEqual([
      { status: "lapsed", lapseReason: "window_closed" },
      { status: "lapsed", lapseReason: "validity_ended" },
      { status: "lapsed", lapseReason: "validity_ended" },
    ]);
  });

  it("the earliest dated cause wins: window closed before leaving", () => {
    const t1 = deriveTranches(input({ leaveDate: "2024-01-15", asOf: "2024-02-01" })).tranches[0]!;
    expect(t1.lapseReason).toBe("window_closed");
  });
});

describe("deriveTranches: properties", () => {
  const ratioSets = [
    ["0.33", "0.33", "0.34"],
    ["0.3", "0.3", "0.4"],
    ["0.4", "0.3", "0.3"],
  ];
  const blackouts = prepareBlackouts([
    win("a", "2023-03-20", "2023-04-28"),
    win("b", "2023-08-10", "2023-08-30"),
    win("c", "2024-03-25", "2024-04-29"),
  ]);
  const actions: CorporateActionInput[] = [
    { type: "dividend", exDate: "2022-06-15", v: "0.30" },
    { type: "capitalisation", exDate: "2023-05-25", n: "0.4" },
    { type: "consolidation", exDate: "2024-01-10", n: "0.9" },
    { type: "dividend_bonus", exDate: "2024-06-12", v: "0.2", n: "0.1" },
  ];

  it("quantities are whole, consistent and sum to the grant; earliest dates are permissible", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18_700, max: 19_400 }).map(fromDayNumber),
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.constantFrom(...ratioSets),
        fc.integer({ min: 18_900, max: 20_300 }).map(fromDayNumber),
        fc.option(fc.integer({ min: 18_900, max: 20_400 }).map(fromDayNumber)),
        fc.subarray(actions),
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 3 }),
            fc.constantFrom("A", "B", "C", "D"),
            fc.constantFrom("1", "0.8", "0"),
            fc.integer({ min: 0, max: 500 }),
            fc.boolean(),
          ),
        ),
        (grantDate, quantity, ratios, asOf, leaveDate, adjustments, events) => {
          const tranches = ARRANGEMENT.map((t, i) => ({ ...t, ratio: ratios[i]! }));
          const seen = new Set<number>();
          const appraisals = [];
          const vestings = [];
          for (const [idx, grade, companyRatio, offset, vests] of events) {
            if (seen.has(idx)) continue;
            seen.add(idx);
            appraisals.push({ trancheIndex: idx, grade, companyRatio });
            if (vests) vestings.push({ trancheIndex: idx, vestingDate: addDays(grantDate, 365 * idx + offset) });
          }
          const r = deriveTranches(
            input({
              grant: { id: "p", grantDate, quantity, grantPrice: "25.00" },
              tranches,
              adjustments,
              appraisals,
              vestings,
              leaveDate,
              asOf,
              blackouts,
              validityEnd: addDays(grantDate, 365 * 5),
            }),
          );
          expect(r.quantity).toBe(r.tranches.reduce((s, t) => s + t.plannedQuantity, 0));
          if (
            r.adjustmentHistory.length === 0 ||
            r.adjustmentHistory.every((h) => h.quantityBefore === h.quantityAfter)
          ) {
            expect(r.quantity).toBe(quantity);
          }
          for (const t of r.tranches) {
            for (const q of [t.plannedQuantity, t.vestedQuantity, t.lapsedQuantity])
              expect(Number.isSafeInteger(q) && q >= 0).toBe(true);
            expect(t.vestedQuantity + t.lapsedQuantity).toBeLessThanOrEqual(t.plannedQuantity);
            if (t.status === "vested") {
              expect(t.vestedQuantity + t.lapsedQuantity).toBe(t.plannedQuantity);
              expect(t.vestedQuantity).toBeGreaterThan(0);
              expect(t.vestingDate! <= asOf).toBe(true);
            }
            if (t.status === "lapsed") expect([t.vestedQuantity, t.lapsedQuantity]).toEqual([0, t.plannedQuantity]);
            if (t.status === "lapsed" || t.status === "vested") expect(t.earliestVestingDate).toBeNull();
            if (t.earliestVestingDate !== null) {
              const d = t.earliestVestingDate;
              expect(cal.isTradingDay(d)).toBe(true);
              expect(d >= asOf && d >= t.windowOpen!).toBe(true);
              if (t.windowClose !== null) expect(d <= t.windowClose).toBe(true);
              if (leaveDate !== null) expect(d <= leaveDate).toBe(true);
              expect(blackouts.containing(Math.floor(Date.parse(d) / 86_400_000))).toEqual([]);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("deriveTranches: shares not paid for are waived (放弃)", () => {
  // T1 of 800,000 × 0.33 = 264,000; grade C under the default table vests 80 % → 211,200, 52,800 lapse (appraisal).
  const vested = (waivedQuantity?: number) =>
    deriveTranches(
      input({
        appraisals: [{ trancheIndex: 1, companyRatio: "1", grade: "C" }],
        vestings: [{ trancheIndex: 1, vestingDate: "2022-07-15", ...(waivedQuantity ? { waivedQuantity } : {}) }],
        asOf: "2022-08-01",
      }),
    ).tranches[0]!;

  it("vests only the paid shares; the unpaid lapse beside the appraisal share with the reason waived", () => {
    const base = vested();
    expect(pick([base], "status", "vestedQuantity", "lapsedQuantity", "lapseReason")).toEqual([
      { status: "vested", vestedQuantity: 211_200, lapsedQuantity: 52_800, lapseReason: "appraisal" },
    ]);
    expect(pick([vested(1_200)], "status", "vestedQuantity", "lapsedQuantity", "lapseReason")).toEqual([
      { status: "vested", vestedQuantity: 210_000, lapsedQuantity: 54_000, lapseReason: "waived" },
    ]);
  });

  it("a grantee who paid nothing has the whole tranche lapse as waived, never more than the conditions allowed", () => {
    for (const waived of [211_200, 999_999])
      expect(pick([vested(waived)], "status", "vestedQuantity", "lapsedQuantity", "lapseReason")).toEqual([
        { status: "lapsed", vestedQuantity: 0, lapsedQuantity: 264_000, lapseReason: "waived" },
      ]);
  });
});
