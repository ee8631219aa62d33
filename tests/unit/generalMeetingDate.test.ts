import { describe, expect, it } from "vitest";
import { checkMeetingDateAgrees, checkMeetingDateChange } from "../../lib/domain/plans/generalMeetingDate";

describe("a meeting date named by a record", () => {
  it("fills an unset plan date and agrees with a set one", () => {
    expect(checkMeetingDateAgrees(null, "2026-12-08")).toEqual([]);
    expect(checkMeetingDateAgrees("2026-12-08", "2026-12-08")).toEqual([]);
  });
  it("refuses another date than the plan's, naming both and saying to change it explicitly", () => {
    const [v] = checkMeetingDateAgrees("2026-12-08", "2026-12-09");
    expect(v).toMatchObject({
      code: "GENERAL_MEETING_DATE_MISMATCH",
      details: { given: "2026-12-09", generalMeetingDate: "2026-12-08" },
    });
    expect(v!.message).toBe(
      "The general meeting date 2026-12-09 differs from the plan's general meeting date 2026-12-08. Change the plan's meeting date explicitly first (on the plan page, with a reason).",
    );
  });
});

describe("an explicit change of the meeting date", () => {
  const change = { current: "2026-12-08", requested: "2026-12-15", earliestGrantDate: null, disclosureDate: null };
  it("is allowed before any grant, also when no date was set", () => {
    expect(checkMeetingDateChange(change)).toEqual([]);
    expect(checkMeetingDateChange({ ...change, current: null })).toEqual([]);
  });
  it("is refused for the same date", () => {
    expect(checkMeetingDateChange({ ...change, requested: "2026-12-08" }).map((v) => v.code)).toEqual([
      "GENERAL_MEETING_DATE_UNCHANGED",
    ]);
  });
  it("is refused once the plan has a grant, naming the grant and both dates", () => {
    const [v] = checkMeetingDateChange({ ...change, earliestGrantDate: "2026-12-20" });
    expect(v).toMatchObject({
      code: "GENERAL_MEETING_DATE_LOCKED",
      details: { generalMeetingDate: "2026-12-08", requested: "2026-12-15", grantDate: "2026-12-20" },
    });
  });
  it("is refused when the opinion in force would be disclosed less than 5 days before the new date", () => {
    expect(checkMeetingDateChange({ ...change, requested: "2026-12-07", disclosureDate: "2026-12-03" })).toEqual([
      expect.objectContaining({ code: "VERIFICATION_TOO_LATE", details: expect.objectContaining({ days: 4 }) }),
    ]);
    expect(checkMeetingDateChange({ ...change, requested: "2026-12-09", disclosureDate: "2026-12-04" })).toEqual([]);
  });
});
