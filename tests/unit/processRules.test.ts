import { describe, expect, it } from "vitest";
import {
  checkPublicityPeriod,
  checkVerification,
  checkVerificationFresh,
  isVerificationStale,
  verifyingBodyFor,
} from "../../lib/domain/process/processRules";

const codes = (vs: { code: string }[]) => vs.map((v) => v.code);

describe("checkPublicityPeriod", () => {
  it("needs 10 calendar days counting both ends", () => {
    expect(checkPublicityPeriod("2024-05-01", "2024-05-10")).toEqual([]);
    const v = checkPublicityPeriod("2024-05-01", "2024-05-09");
    expect(codes(v)).toEqual(["PUBLICITY_TOO_SHORT"]);
    expect(v[0]!.details).toEqual({ startDate: "2024-05-01", endDate: "2024-05-09", days: 9, required: 10 });
    expect(codes(checkPublicityPeriod("2024-05-10", "2024-05-01"))).toEqual(["PUBLICITY_TOO_SHORT"]);
    expect(checkPublicityPeriod("2024-02-25", "2024-03-05")).toEqual([]); // leap February: 10 days
  });
});

describe("checkVerification", () => {
  const ok = { publicityEndDate: "2024-05-10", disclosureDate: "2024-05-11", generalMeetingDate: "2024-05-16" };

  it("passes when disclosed after publicity and ≥ 5 days before the meeting", () => {
    expect(checkVerification(ok)).toEqual([]);
  });

  it("PUBLICITY_NOT_ENDED when disclosed on or before the last publicity day", () => {
    expect(codes(checkVerification({ ...ok, disclosureDate: "2024-05-10" }))).toEqual(["PUBLICITY_NOT_ENDED"]);
  });

  it("VERIFICATION_TOO_LATE with fewer than 5 days to the meeting", () => {
    const v = checkVerification({ ...ok, generalMeetingDate: "2024-05-15" });
    expect(codes(v)).toEqual(["VERIFICATION_TOO_LATE"]);
    expect(v[0]!.details).toMatchObject({ days: 4, required: 5 });
  });

  it("does not ask a reserved list, settled after the meeting, to be disclosed before it", () => {
    const afterMeeting = { ...ok, publicityEndDate: "2024-09-10", disclosureDate: "2024-09-12" };
    expect(codes(checkVerification(afterMeeting))).toEqual(["VERIFICATION_TOO_LATE"]);
    expect(checkVerification({ ...afterMeeting, batch: "reserved" })).toEqual([]);
    expect(codes(checkVerification({ ...afterMeeting, disclosureDate: "2024-09-10", batch: "reserved" }))).toEqual([
      "PUBLICITY_NOT_ENDED",
    ]);
  });

  it("uses today as the earliest disclosure when not disclosed yet, else checks nothing", () => {
    expect(codes(checkVerification({ ...ok, disclosureDate: null, today: "2024-05-10" }))).toEqual([
      "PUBLICITY_NOT_ENDED",
    ]);
    expect(codes(checkVerification({ ...ok, disclosureDate: null, today: "2024-05-12" }))).toEqual([
      "VERIFICATION_TOO_LATE",
    ]);
    expect(checkVerification({ ...ok, disclosureDate: null })).toEqual([]);
  });
});

describe("verifyingBodyFor", () => {
  it("switches to the remuneration committee on 2025-03-27", () => {
    expect(verifyingBodyFor("2025-03-26")).toBe("board_of_supervisors");
    expect(verifyingBodyFor("2025-03-27")).toBe("remuneration_committee");
  });
});

describe("isVerificationStale", () => {
  it("is stale when the list changed after verification or was never verified", () => {
    expect(isVerificationStale("2024-05-11", "2024-05-12")).toBe(true);
    expect(isVerificationStale("2024-05-11", "2024-05-11")).toBe(false);
    expect(isVerificationStale("2024-05-11", null)).toBe(false);
    expect(isVerificationStale(null, null)).toBe(true);
    expect(isVerificationStale(new Date("2024-05-11T02:00:00Z"), new Date("2024-05-11T03:00:00Z"))).toBe(true);
    expect(isVerificationStale("2024-05-11T10:00:00+08:00", "2024-05-11T09:00:00+08:00")).toBe(false);
    // A plain date against a timestamp: the date is the start of that Shanghai day.
    expect(isVerificationStale("2024-05-11", "2024-05-11T00:30:00+08:00")).toBe(true);
    expect(() => isVerificationStale("yesterday", "2024-05-11T00:30:00+08:00")).toThrow(RangeError);
  });

  it("checkVerificationFresh reports VERIFICATION_STALE", () => {
    expect(codes(checkVerificationFresh("2024-05-11", "2024-05-12"))).toEqual(["VERIFICATION_STALE"]);
    expect(checkVerificationFresh("2024-05-12", "2024-05-11")).toEqual([]);
  });
});
