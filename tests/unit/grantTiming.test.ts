import { describe, expect, it } from "vitest";
import { checkGrantTiming, checkLeaveDate, FIRST_GRANT_DEADLINE_DAYS } from "@/lib/domain/process/grantTiming";
import { checkVerification } from "@/lib/domain/process/processRules";
import { checkTranchesWithinValidity } from "@/lib/domain/plans/planValidity";
import { errorText } from "@/lib/platform/errors/errorCodes";

const inOrder = {
  batch: "first" as const,
  grantDate: "2027-01-15",
  boardResolutionDate: "2027-01-15",
  generalMeetingDate: "2027-01-08",
  publicity: { endDate: "2026-12-16", closed: true },
  verificationDisclosureDate: "2026-12-18",
};
const codes = (v: { code: string }[]) => v.map((x) => x.code);

describe("the order of a grant (Measures arts. 37, 40, 44)", () => {
  it("accepts a first grant after the meeting, the resolution, the closed publicity and the disclosed verification", () => {
    expect(checkGrantTiming(inOrder)).toEqual([]);
    // The meeting day itself and the 60th day after it are both permitted.
    expect(checkGrantTiming({ ...inOrder, grantDate: "2027-01-08", boardResolutionDate: "2027-01-08" })).toEqual([]);
    expect(checkGrantTiming({ ...inOrder, grantDate: "2027-03-09", boardResolutionDate: "2027-03-09" })).toEqual([]);
  });

  it("refuses a grant before the general meeting, naming the earliest date (the issue's 2026-12-06 grant)", () => {
    const [v] = checkGrantTiming({ ...inOrder, grantDate: "2026-12-06", boardResolutionDate: null });
    expect(v).toMatchObject({
      code: "GRANT_BEFORE_GENERAL_MEETING",
      details: { grantDate: "2026-12-06", generalMeetingDate: "2027-01-08", earliest: "2027-01-08" },
    });
    expect(v!.message).toContain("2027-01-08");
    expect(errorText(v!.code, "zh-CN", v!.message, v!.details)).toBe(
      "授予日及审议授予事项的董事会决议日不得早于股东大会审议通过激励计划之日（2027-01-08），最早可于2027-01-08授予。",
    );
    expect(codes(checkGrantTiming({ ...inOrder, generalMeetingDate: null }))).toContain("GRANT_BEFORE_GENERAL_MEETING");
  });

  it("refuses a grant dated before its board resolution, and a resolution before the meeting", () => {
    expect(codes(checkGrantTiming({ ...inOrder, boardResolutionDate: "2027-01-20" }))).toEqual([
      "GRANT_BEFORE_BOARD_RESOLUTION",
    ]);
    expect(checkGrantTiming({ ...inOrder, boardResolutionDate: "2027-01-05" })).toMatchObject([
      { code: "GRANT_BEFORE_GENERAL_MEETING", details: { boardResolutionDate: "2027-01-05" } },
    ]);
  });

  it(`refuses a first grant more than ${FIRST_GRANT_DEADLINE_DAYS} days after the meeting (123 days in the issue), not a reserved one`, () => {
    const late = { ...inOrder, grantDate: "2027-05-11", boardResolutionDate: "2027-05-11" };
    expect(checkGrantTiming(late)).toMatchObject([
      { code: "FIRST_GRANT_TOO_LATE", details: { deadline: "2027-03-09", days: 60, grantDate: "2027-05-11" } },
    ]);
    expect(errorText("FIRST_GRANT_TOO_LATE", "en", "", checkGrantTiming(late)[0]!.details)).toBe(
      "The first grant must be made within 60 days after the general meeting of 2027-01-08, by 2027-03-09; 2027-05-11 is too late.",
    );
    expect(checkGrantTiming({ ...late, batch: "reserved" })).toEqual([]);
  });

  it("refuses a first grant while the publicity is open or before the verification is disclosed", () => {
    expect(codes(checkGrantTiming({ ...inOrder, publicity: { endDate: "2026-12-16", closed: false } }))).toEqual([
      "PUBLICITY_NOT_CLOSED",
    ]);
    expect(codes(checkGrantTiming({ ...inOrder, publicity: null }))).toEqual(["PUBLICITY_NOT_CLOSED"]);
    expect(checkGrantTiming({ ...inOrder, verificationDisclosureDate: "2027-01-20" })).toMatchObject([
      { code: "VERIFICATION_NOT_DISCLOSED", details: { earliest: "2027-01-20" } },
    ]);
    expect(codes(checkGrantTiming({ ...inOrder, verificationDisclosureDate: null }))).toEqual([
      "VERIFICATION_NOT_DISCLOSED",
    ]);
    // A reserved grant needs the same for its own list (art. 40): closed publicity, disclosed verification.
    expect(
      codes(checkGrantTiming({ ...inOrder, batch: "reserved", publicity: null, verificationDisclosureDate: null })),
    ).toEqual(["PUBLICITY_NOT_CLOSED", "VERIFICATION_NOT_DISCLOSED"]);
    const reservedInOrder = {
      ...inOrder,
      batch: "reserved" as const,
      grantDate: "2027-09-01",
      boardResolutionDate: "2027-09-01",
      publicity: { endDate: "2027-08-20", closed: true },
      verificationDisclosureDate: "2027-08-25",
    };
    expect(checkGrantTiming(reservedInOrder)).toEqual([]);
    expect(checkGrantTiming({ ...reservedInOrder, verificationDisclosureDate: "2027-09-02" })).toMatchObject([
      { code: "VERIFICATION_NOT_DISCLOSED", details: { earliest: "2027-09-02", grantDate: "2027-09-01" } },
    ]);
  });

  it("reports every broken step at once", () => {
    expect(
      codes(
        checkGrantTiming({
          ...inOrder,
          grantDate: "2026-12-06",
          boardResolutionDate: "2026-12-07",
          publicity: { endDate: "2026-12-16", closed: false },
          verificationDisclosureDate: "2026-12-17",
        }),
      ),
    ).toEqual([
      "GRANT_BEFORE_GENERAL_MEETING",
      "GRANT_BEFORE_BOARD_RESOLUTION",
      "GRANT_BEFORE_GENERAL_MEETING",
      "PUBLICITY_NOT_CLOSED",
      "VERIFICATION_NOT_DISCLOSED",
    ]);
  });
});

describe("leave dates and verification dates", () => {
  it("refuses a leave date before the person's first grant", () => {
    expect(checkLeaveDate("2025-03-01", "2025-03-01")).toEqual([]);
    expect(checkLeaveDate("2025-03-01", null)).toEqual([]);
    expect(checkLeaveDate("2025-02-28", "2025-03-01")).toMatchObject([
      { code: "LEAVE_BEFORE_GRANT", details: { leaveDate: "2025-02-28", grantDate: "2025-03-01" } },
    ]);
  });

  it("refuses a verification dated after the day it is recorded, or an opinion given before the publicity ended", () => {
    const base = { publicityEndDate: "2026-12-16", generalMeetingDate: "2027-01-08" };
    expect(
      checkVerification({ ...base, opinionDate: "2026-12-17", disclosureDate: "2026-12-17", recordedOn: "2026-12-06" }),
    ).toMatchObject([{ code: "VERIFICATION_IN_FUTURE", details: { date: "2026-12-17", today: "2026-12-06" } }]);
    expect(
      checkVerification({ ...base, opinionDate: "2026-12-16", disclosureDate: "2026-12-18", recordedOn: "2026-12-20" }),
    ).toMatchObject([{ code: "PUBLICITY_NOT_ENDED", details: { opinionDate: "2026-12-16" } }]);
    expect(
      checkVerification({ ...base, opinionDate: "2026-12-17", disclosureDate: "2026-12-18", recordedOn: "2026-12-18" }),
    ).toEqual([]);
  });
});

describe("tranche windows within the plan's validity", () => {
  it("refuses a tranche ending after the validity, naming the category and the months", () => {
    const categories = [
      { code: 1, tranches: [{ endMonths: 24 }, { endMonths: 36 }, { endMonths: 48 }] },
      { code: 2, tranches: [{ endMonths: 24 }, { endMonths: 72 }] },
    ];
    expect(checkTranchesWithinValidity(72, categories)).toEqual([]);
    const [v, ...rest] = checkTranchesWithinValidity(60, categories);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      code: "TRANCHE_AFTER_VALIDITY",
      details: { categoryCode: 2, tranche: 2, endMonths: 72, validityMonths: 60 },
    });
    expect(errorText(v!.code, "zh-CN", v!.message, v!.details)).toBe(
      "第2类激励对象第2个归属期于授予后72个月届满，超出激励计划60个月的有效期。",
    );
  });
});
