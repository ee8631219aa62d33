import { describe, expect, it } from "vitest";
import { toDayNumber } from "../../lib/domain/calendar/isoDate";
import { decideOutcome, type TrancheFacts } from "../../lib/domain/vesting/trancheOutcome";

const NEVER = Number.MAX_SAFE_INTEGER;
const d = toDayNumber;
const facts = (o: Partial<TrancheFacts>): TrancheFacts => ({
  vestingDay: -1,
  openDay: d("2022-06-02"),
  closeDay: d("2023-06-01"),
  asOfDay: d("2022-07-01"),
  leaveDay: NEVER,
  validityEndDay: NEVER,
  ...o,
});

describe("decideOutcome", () => {
  it("vested tranches stop taking adjustments on their vesting day", () => {
    expect(decideOutcome(facts({ vestingDay: d("2022-06-20") }))).toEqual({
      kind: "vested",
      vestingDay: d("2022-06-20"),
      outstandingUntil: d("2022-06-20"),
    });
  });

  it("outstanding: vestable inside [open, close], pending otherwise, and an unknown close counts as open-ended", () => {
    expect(decideOutcome(facts({}))).toEqual({ kind: "outstanding", vestable: true, outstandingUntil: NEVER });
    expect(decideOutcome(facts({ asOfDay: d("2022-06-01") }))).toMatchObject({ vestable: false });
    expect(decideOutcome(facts({ closeDay: -1, asOfDay: d("2026-01-05") }))).toMatchObject({
      kind: "outstanding",
      vestable: true,
    });
    expect(decideOutcome(facts({ openDay: -1, closeDay: -1 }))).toMatchObject({ kind: "outstanding", vestable: false });
  });

  it("lapse days: leave date itself, the day after close, the day after validity end", () => {
    expect(decideOutcome(facts({ leaveDay: d("2022-07-01") }))).toEqual({
      kind: "lapsed",
      reason: "left",
      outstandingUntil: d("2022-07-01"),
    });
    expect(decideOutcome(facts({ asOfDay: d("2023-06-02") }))).toEqual({
      kind: "lapsed",
      reason: "window_closed",
      outstandingUntil: d("2023-06-02"),
    });
    expect(decideOutcome(facts({ validityEndDay: d("2022-06-30") }))).toEqual({
      kind: "lapsed",
      reason: "validity_ended",
      outstandingUntil: d("2022-07-01"),
    });
  });

  it("the earliest lapse wins; ties go to leaving, then the window", () => {
    const asOfDay = d("2024-01-01");
    expect(decideOutcome(facts({ asOfDay, leaveDay: d("2023-06-02") }))).toMatchObject({ reason: "left" });
    expect(decideOutcome(facts({ asOfDay, leaveDay: d("2023-06-03") }))).toMatchObject({ reason: "window_closed" });
    expect(decideOutcome(facts({ asOfDay, validityEndDay: d("2023-06-01") }))).toMatchObject({
      reason: "window_closed",
    });
    expect(decideOutcome(facts({ asOfDay, validityEndDay: d("2023-05-31") }))).toMatchObject({
      reason: "validity_ended",
    });
  });

  it("ignores a vesting after asOf or after the leave date", () => {
    expect(decideOutcome(facts({ vestingDay: d("2022-07-02") }))).toMatchObject({ kind: "outstanding" });
    expect(decideOutcome(facts({ vestingDay: d("2022-06-20"), leaveDay: d("2022-06-19") }))).toMatchObject({
      kind: "lapsed",
      reason: "left",
    });
    expect(decideOutcome(facts({ vestingDay: d("2022-06-20"), leaveDay: d("2022-06-20") }))).toMatchObject({
      kind: "vested",
    });
  });
});
