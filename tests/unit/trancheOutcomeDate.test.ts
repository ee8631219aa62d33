import { describe, expect, it } from "vitest";
import { priceAtVesting } from "../../lib/domain/registers/priceAtVesting";
import { trancheOutcomeDate, type TrancheOutcomeFacts } from "../../lib/domain/registers/trancheOutcomeDate";

const t = (o: Partial<TrancheOutcomeFacts>): TrancheOutcomeFacts => ({
  status: "lapsed",
  vestingDate: null,
  lapseReason: null,
  windowClose: "2024-06-03",
  runDate: null,
  appraisalDate: null,
  ...o,
});
const g = { leaveDate: "2024-09-30", planFirstGrantDate: "2021-01-31", validityMonths: 37 };

describe("trancheOutcomeDate", () => {
  it("dates each outcome the way the engine decides it", () => {
    expect(trancheOutcomeDate(t({ status: "vested", vestingDate: "2023-06-19", lapseReason: "appraisal" }), g)).toBe(
      "2023-06-19",
    );
    expect(trancheOutcomeDate(t({ lapseReason: "left" }), g)).toBe("2024-09-30");
    expect(trancheOutcomeDate(t({ lapseReason: "window_closed" }), g)).toBe("2024-06-04");
    // Validity ends on 2024-02-28 (31 January + 37 months, clamped, minus a day): the tranche lapses on the 29th.
    expect(trancheOutcomeDate(t({ lapseReason: "validity_ended" }), g)).toBe("2024-02-29");
    expect(
      trancheOutcomeDate(t({ lapseReason: "appraisal", runDate: "2023-06-19", appraisalDate: "2023-05-30" }), g),
    ).toBe("2023-06-19");
    expect(
      trancheOutcomeDate(t({ status: "vestable", lapseReason: "appraisal", appraisalDate: "2023-05-30" }), g),
    ).toBe("2023-05-30");
    expect(trancheOutcomeDate(t({ status: "pending" }), g)).toBeNull();
  });
});

describe("priceAtVesting", () => {
  const dividend = { type: "dividend" as const, exDate: "2021-07-09", v: "0.60" };
  it("applies only the actions between the grant date and the registration, exclusive", () => {
    expect(priceAtVesting("45.86", "2021-06-02", "2022-06-20", [dividend])).toBe("45.26");
    expect(priceAtVesting("45.86", "2021-06-02", "2021-07-09", [dividend])).toBe("45.86");
    expect(priceAtVesting("45.26", "2021-07-09", "2022-06-20", [dividend])).toBe("45.26");
  });
});
