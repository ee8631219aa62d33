import { describe, expect, it } from "vitest";
import {
  enrolmentDeadline,
  FREE_FAILURES,
  isStepUpFresh,
  lockoutWaitMs,
  MAX_WAIT_MS,
  normaliseRecoveryCode,
  requiresSecondFactor,
  retryAfterMs,
  secondFactorStep,
  STEP_UP_MAX_AGE_MS,
} from "@/lib/domain/access/secondFactorPolicy";

const DAY = 24 * 60 * 60 * 1000;
const MIN = 60 * 1000;
const at = (iso: string) => new Date(iso);

describe("requiresSecondFactor", () => {
  it("asks it of every role that sees company-wide data and of nobody else", () => {
    for (const role of ["hr", "admin", "auditor", "finance"]) expect(requiresSecondFactor([role]), role).toBe(true);
    expect(requiresSecondFactor(["employee"])).toBe(false);
    expect(requiresSecondFactor([])).toBe(false);
    expect(requiresSecondFactor(["employee", "finance"])).toBe(true);
    // Roles are matched exactly, not by prefix or case.
    expect(requiresSecondFactor(["HR", "administrator", "hr "])).toBe(false);
  });
});

describe("enrolmentDeadline", () => {
  it("counts the grace days from the user's creation when the user is newer than the setting", () => {
    expect(
      enrolmentDeadline({
        userCreatedAt: at("2026-03-10T08:00:00Z"),
        graceFrom: at("2026-01-01T00:00:00Z"),
        graceDays: 14,
      }),
    ).toEqual(at("2026-03-24T08:00:00Z"));
  });

  it("counts them from the setting's start for a user older than it, so an upgrade locks nobody out", () => {
    expect(
      enrolmentDeadline({
        userCreatedAt: at("2024-05-01T00:00:00Z"),
        graceFrom: at("2026-01-01T12:00:00Z"),
        graceDays: 14,
      }),
    ).toEqual(at("2026-01-15T12:00:00Z"));
  });

  it("is the start itself with no grace, and a negative grace counts as none", () => {
    const start = { userCreatedAt: at("2026-02-01T00:00:00Z"), graceFrom: at("2026-01-01T00:00:00Z") };
    expect(enrolmentDeadline({ ...start, graceDays: 0 })).toEqual(at("2026-02-01T00:00:00Z"));
    expect(enrolmentDeadline({ ...start, graceDays: -3 })).toEqual(at("2026-02-01T00:00:00Z"));
    expect(enrolmentDeadline({ ...start, graceDays: 1 }).getTime() - start.userCreatedAt.getTime()).toBe(DAY);
  });
});

describe("secondFactorStep", () => {
  const deadline = at("2026-03-24T08:00:00Z");
  const step = (roles: string[], hasFactor: boolean, now: Date) =>
    secondFactorStep({ roles, hasFactor, deadline, now });

  it("asks a user with a factor for it, whatever the role and the date", () => {
    expect(step(["hr"], true, at("2026-03-01T00:00:00Z"))).toBe("pending");
    expect(step(["hr"], true, at("2027-01-01T00:00:00Z"))).toBe("pending");
    // An employee who chose to add a factor gives it too.
    expect(step(["employee"], true, at("2026-03-01T00:00:00Z"))).toBe("pending");
  });

  it("lets staff without a factor in with the password until the deadline and sends them to enrol from it", () => {
    expect(step(["finance"], false, new Date(deadline.getTime() - 1))).toBe("complete");
    expect(step(["finance"], false, deadline)).toBe("enrol");
    expect(step(["finance"], false, new Date(deadline.getTime() + 1))).toBe("enrol");
  });

  it("never asks an employee without a factor for one", () => {
    expect(step(["employee"], false, at("2030-01-01T00:00:00Z"))).toBe("complete");
    expect(step([], false, at("2030-01-01T00:00:00Z"))).toBe("complete");
  });
});

describe("isStepUpFresh", () => {
  const now = at("2026-03-10T10:00:00Z");

  it("holds for exactly 10 minutes and not a millisecond longer", () => {
    expect(STEP_UP_MAX_AGE_MS).toBe(10 * MIN);
    expect(isStepUpFresh(now, now)).toBe(true);
    expect(isStepUpFresh(new Date(now.getTime() - 10 * MIN), now)).toBe(true);
    expect(isStepUpFresh(new Date(now.getTime() - 10 * MIN - 1), now)).toBe(false);
    expect(isStepUpFresh(new Date(now.getTime() - DAY), now)).toBe(false);
  });

  it("never holds without a proof, nor for one stamped well in the future (a minute of clock skew is allowed)", () => {
    expect(isStepUpFresh(null, now)).toBe(false);
    expect(isStepUpFresh(new Date(now.getTime() + MIN), now)).toBe(true);
    expect(isStepUpFresh(new Date(now.getTime() + MIN + 1), now)).toBe(false);
  });
});

describe("lockoutWaitMs", () => {
  it("asks no wait for the free failures, then 30 s doubling with each further failure", () => {
    expect(FREE_FAILURES).toEqual({ account: 5, ip: 20 });
    for (let f = 0; f < 5; f++) expect(lockoutWaitMs(f, 5), `${f}`).toBe(0);
    expect(lockoutWaitMs(5, 5)).toBe(30_000);
    expect(lockoutWaitMs(6, 5)).toBe(60_000);
    expect(lockoutWaitMs(7, 5)).toBe(120_000);
    expect(lockoutWaitMs(9, 5)).toBe(480_000);
    expect(lockoutWaitMs(19, 20)).toBe(0);
    expect(lockoutWaitMs(20, 20)).toBe(30_000);
  });

  it("never asks more than 15 minutes, however many failures", () => {
    expect(MAX_WAIT_MS).toBe(15 * MIN);
    expect(lockoutWaitMs(10, 5)).toBe(15 * MIN); // 30 s × 2^5 = 16 min, capped
    expect(lockoutWaitMs(50, 5)).toBe(15 * MIN);
    expect(lockoutWaitMs(5000, 5)).toBe(15 * MIN); // 2^4995 is Infinity: still capped, not NaN
  });
});

describe("retryAfterMs", () => {
  const now = at("2026-03-10T10:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const none = { failures: 0, lastFailureAt: null };

  it("is 0 with no failures, within the free failures, and once the wait has passed", () => {
    expect(retryAfterMs({ account: none, ip: none, knownDevice: false, now })).toBe(0);
    expect(
      retryAfterMs({
        account: { failures: 4, lastFailureAt: ago(0) },
        ip: { failures: 19, lastFailureAt: ago(0) },
        knownDevice: false,
        now,
      }),
    ).toBe(0);
    expect(
      retryAfterMs({ account: { failures: 5, lastFailureAt: ago(30_000) }, ip: none, knownDevice: false, now }),
    ).toBe(0);
    expect(
      retryAfterMs({ account: { failures: 50, lastFailureAt: ago(15 * MIN) }, ip: none, knownDevice: false, now }),
    ).toBe(0);
  });

  it("counts the account's wait from its last failure", () => {
    expect(
      retryAfterMs({ account: { failures: 5, lastFailureAt: ago(10_000) }, ip: none, knownDevice: false, now }),
    ).toBe(20_000);
    expect(
      retryAfterMs({ account: { failures: 50, lastFailureAt: ago(MIN) }, ip: none, knownDevice: false, now }),
    ).toBe(14 * MIN);
  });

  it("spares a known device the account's wait but not its IP's", () => {
    const account = { failures: 50, lastFailureAt: ago(MIN) };
    expect(retryAfterMs({ account, ip: none, knownDevice: true, now })).toBe(0);
    expect(retryAfterMs({ account, ip: { failures: 19, lastFailureAt: ago(0) }, knownDevice: true, now })).toBe(0);
    expect(retryAfterMs({ account, ip: { failures: 20, lastFailureAt: ago(10_000) }, knownDevice: true, now })).toBe(
      20_000,
    );
    expect(retryAfterMs({ account, ip: { failures: 40, lastFailureAt: ago(0) }, knownDevice: true, now })).toBe(
      15 * MIN,
    );
  });

  it("asks for the longer of the two waits", () => {
    const input = {
      account: { failures: 6, lastFailureAt: ago(0) }, // 60 s left
      ip: { failures: 20, lastFailureAt: ago(0) }, // 30 s left
      now,
    };
    expect(retryAfterMs({ ...input, knownDevice: false })).toBe(60_000);
    expect(retryAfterMs({ ...input, knownDevice: true })).toBe(30_000);
  });
});

describe("normaliseRecoveryCode", () => {
  it("ignores case, spaces and dashes", () => {
    expect(normaliseRecoveryCode("ABCDE-12345")).toBe("ABCDE12345");
    expect(normaliseRecoveryCode("abcde-12345")).toBe("ABCDE12345");
    expect(normaliseRecoveryCode(" abc de 12-3-45 ")).toBe("ABCDE12345");
    expect(normaliseRecoveryCode("abcde_12345\t")).toBe("ABCDE12345");
  });

  it("keeps every letter and digit, so different codes stay different", () => {
    expect(normaliseRecoveryCode("0O1I-LU")).toBe("0O1ILU");
    expect(normaliseRecoveryCode("ABCDE-12345")).not.toBe(normaliseRecoveryCode("ABCDE-12346"));
    expect(normaliseRecoveryCode("")).toBe("");
  });
});
