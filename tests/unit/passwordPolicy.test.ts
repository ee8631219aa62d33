import { describe, expect, it } from "vitest";
import { dictionary } from "@zxcvbn-ts/language-common";
import { MAX_PASSWORD_LENGTH, passwordPolicyProblem } from "@/lib/auth/passwordPolicy";

describe("passwordPolicyProblem", () => {
  it("refuses fewer than 10 characters, counting characters rather than UTF-16 units", () => {
    expect(passwordPolicyProblem("")).toBe("TOO_SHORT");
    expect(passwordPolicyProblem("Zq8#mW2!x")).toBe("TOO_SHORT");
    expect(passwordPolicyProblem("Zq8#mW2!xR")).toBeNull();
    // Nine astral characters are 18 UTF-16 units but still nine characters.
    expect(passwordPolicyProblem("😀".repeat(9))).toBe("TOO_SHORT");
    expect(passwordPolicyProblem("归属台的新密码很长很长")).toBeNull();
  });

  it("refuses more than 200 characters", () => {
    expect(passwordPolicyProblem("x7".repeat(MAX_PASSWORD_LENGTH / 2))).toBeNull();
    expect(passwordPolicyProblem("x7".repeat(MAX_PASSWORD_LENGTH / 2) + "y")).toBe("TOO_LONG");
  });

  it("refuses every long-enough entry of the common-password list, whatever its case", () => {
    const listed = dictionary["passwords-common"].filter((p) => [...p].length >= 10);
    expect(listed.length).toBeGreaterThan(1000);
    for (const p of listed) expect(passwordPolicyProblem(p), p).toBe("TOO_COMMON");
    expect(passwordPolicyProblem("QwertyUIOP")).toBe("TOO_COMMON");
    expect(passwordPolicyProblem("PASSWORD123")).toBe("TOO_COMMON");
    expect(passwordPolicyProblem("1qaz2wsx3edc")).toBe("TOO_COMMON");
  });

  it("accepts a long password that is not on the list, and a listed word with something added", () => {
    expect(passwordPolicyProblem("correct horse battery staple")).toBeNull();
    expect(passwordPolicyProblem("basketball")).toBe("TOO_COMMON");
    expect(passwordPolicyProblem("basketball-归属")).toBeNull();
  });
});
