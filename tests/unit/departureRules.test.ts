import { describe, expect, it } from "vitest";
import {
  checkDepartureChange,
  checkVestingsKept,
  DEPARTURE_REASONS,
  departureReasonText,
} from "@/lib/domain/persons/departureRules";
import { departureReasonEnum } from "@/db/schema/enums";

describe("departure rules", () => {
  it("codes the same reasons as the database enum, each with English and Chinese text", () => {
    expect([...DEPARTURE_REASONS]).toEqual(departureReasonEnum.enumValues);
    for (const r of DEPARTURE_REASONS) {
      expect(departureReasonText(r).en.length, r).toBeGreaterThan(3);
      expect(departureReasonText(r).zh, r).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(departureReasonText(null)).toEqual({ en: "Reason not recorded", zh: "未登记离职原因" });
  });

  it("needs a departure in force to correct or withdraw, and a correction that changes the date or reason", () => {
    const inForce = { leaveDate: "2026-11-20", reason: "resignation" as const };
    expect(checkDepartureChange(null, "E1", { leaveDate: "2026-11-21" }).map((v) => v.code)).toEqual([
      "DEPARTURE_NOT_IN_FORCE",
    ]);
    expect(checkDepartureChange(null, "E1", "withdrawal")[0]!.message).toContain("E1");
    expect(checkDepartureChange(inForce, "E1", "withdrawal")).toEqual([]);
    for (const same of [{}, { leaveDate: "2026-11-20" }, { reason: "resignation" as const }])
      expect(checkDepartureChange(inForce, "E1", same).map((v) => v.code)).toEqual(["DEPARTURE_UNCHANGED"]);
    expect(checkDepartureChange(inForce, "E1", { reason: "retirement" })).toEqual([]);
    expect(checkDepartureChange(inForce, "E1", { leaveDate: "2026-11-19" })).toEqual([]);
    // A record without a reason (made before reasons were asked for) is corrected by giving one.
    expect(checkDepartureChange({ leaveDate: "2024-01-31", reason: null }, "E1", { reason: "other" })).toEqual([]);
  });

  it("refuses a leave date that would change what a vesting run settled, in either direction", () => {
    const t = (vestedQuantity: number, vestingDate: string | null) => ({
      grantId: "g",
      trancheIndex: 2,
      vestedQuantity,
      vestingDate,
    });
    expect(checkVestingsKept([t(100, "2024-12-16")], [t(100, "2024-12-16")])).toEqual([]);
    const voided = checkVestingsKept([t(100, "2024-12-16")], [t(0, null)]);
    expect(voided.map((v) => [v.code, v.details])).toEqual([
      [
        "LEAVE_DATE_CHANGES_VESTED",
        { grantId: "g", tranche: 2, vestingDate: "2024-12-16", vestedBefore: 100, vestedAfter: 0 },
      ],
    ]);
    expect(voided[0]!.message).toContain("2024-12-16");
    const unwithheld = checkVestingsKept([t(0, null)], [t(100, "2024-12-16")]);
    expect(unwithheld[0]!.details).toMatchObject({ vestingDate: "2024-12-16", vestedBefore: 0, vestedAfter: 100 });
  });
});
