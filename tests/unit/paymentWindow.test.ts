import { describe, expect, it } from "vitest";
import { checkPaymentWindow, isPaymentOpen } from "../../lib/domain/payment/paymentWindow";

const base = { start: "2026-03-02", deadline: "2026-03-10", registrationDate: "2026-03-18", windowClose: "2027-03-01" };
const codes = (vs: { code: string }[]) => vs.map((v) => v.code);

describe("checkPaymentWindow", () => {
  it("accepts a deadline after the start and before the registration", () => {
    expect(checkPaymentWindow(base)).toEqual([]);
    expect(checkPaymentWindow({ ...base, windowClose: null })).toEqual([]);
  });

  it("a one-day window (deadline = start) is allowed, a deadline before the start is not", () => {
    expect(checkPaymentWindow({ ...base, deadline: "2026-03-02" })).toEqual([]);
    const v = checkPaymentWindow({ ...base, deadline: "2026-03-01" });
    expect(codes(v)).toEqual(["PAYMENT_WINDOW_INVALID"]);
    expect(v[0]!.details).toEqual({ start: "2026-03-02", deadline: "2026-03-01" });
    expect(v[0]!.message).toBe("The payment deadline 2026-03-01 is before the payment start 2026-03-02.");
  });

  it("the deadline must be before the registration date, not on it", () => {
    expect(checkPaymentWindow({ ...base, deadline: "2026-03-17" })).toEqual([]);
    const v = checkPaymentWindow({ ...base, deadline: "2026-03-18" });
    expect(codes(v)).toEqual(["PAYMENT_AFTER_REGISTRATION"]);
    expect(v[0]!.details).toEqual({ deadline: "2026-03-18", registrationDate: "2026-03-18" });
    expect(codes(checkPaymentWindow({ ...base, deadline: "2026-04-01" }))).toEqual(["PAYMENT_AFTER_REGISTRATION"]);
  });

  it("reports both problems at once", () => {
    expect(codes(checkPaymentWindow({ ...base, start: "2026-03-20", deadline: "2026-03-19" }))).toEqual([
      "PAYMENT_WINDOW_INVALID",
      "PAYMENT_AFTER_REGISTRATION",
    ]);
  });

  it("does not check the registration date against the vesting window (checkVestingDate does)", () => {
    expect(checkPaymentWindow({ ...base, windowClose: "2026-03-15" })).toEqual([]);
  });

  it("throws on malformed dates", () => {
    expect(() => checkPaymentWindow({ ...base, deadline: "2026-3-10" })).toThrow(RangeError);
    expect(() => checkPaymentWindow({ ...base, windowClose: "2026-02-30" })).toThrow(RangeError);
  });
});

describe("isPaymentOpen", () => {
  const w = { start: "2026-03-02", deadline: "2026-03-10" };
  it("is open from the start day to the deadline day, both included", () => {
    expect(isPaymentOpen("2026-03-01", w)).toBe(false);
    expect(isPaymentOpen("2026-03-02", w)).toBe(true);
    expect(isPaymentOpen("2026-03-06", w)).toBe(true);
    expect(isPaymentOpen("2026-03-10", w)).toBe(true);
    expect(isPaymentOpen("2026-03-11", w)).toBe(false);
  });
});
