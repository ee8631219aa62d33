import { afterEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { decodeSessionToken } from "@/lib/auth/sessionJwt";

const SECRET = "unit-test-secret-for-session-tokens-0123456789";

/** A token as next-auth issues it (JWE, dir + A256GCM), valid for `maxAge` seconds from now. */
const issue = (claims: Record<string, unknown>, maxAge = 3600, secret = SECRET) =>
  encode({ token: claims, secret, maxAge });

describe("session cookie decoding", () => {
  afterEach(() => vi.useRealTimers());

  it("opens a token next-auth issued, and the same token again from what it kept", async () => {
    const token = await issue({ uid: "u1", sid: "s1", sv: 3 });
    const first = await decodeSessionToken(token, SECRET);
    expect(first).toMatchObject({ uid: "u1", sid: "s1", sv: 3 });
    const again = await decodeSessionToken(token, SECRET);
    expect(again).toEqual(first);
    // Shared between requests, so nobody may change it.
    expect(Object.isFrozen(again)).toBe(true);
  });

  it("refuses a token opened earlier once it has expired (15 s of clock tolerance)", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T00:00:00Z"), toFake: ["Date"] });
    const token = await issue({ uid: "u2", sid: "s2", sv: 1 }, 60);
    expect(await decodeSessionToken(token, SECRET)).toMatchObject({ uid: "u2" });
    vi.setSystemTime(new Date("2026-12-01T00:01:10Z"));
    expect(await decodeSessionToken(token, SECRET)).toMatchObject({ uid: "u2" });
    vi.setSystemTime(new Date("2026-12-01T00:01:16Z"));
    expect(await decodeSessionToken(token, SECRET)).toBeNull();
    // And it stays refused: expiry is not forgotten by asking again.
    expect(await decodeSessionToken(token, SECRET)).toBeNull();
  });

  it("refuses a token under another secret, even one opened before under the right one", async () => {
    const token = await issue({ uid: "u3", sid: "s3", sv: 1 });
    expect(await decodeSessionToken(token, SECRET)).not.toBeNull();
    expect(await decodeSessionToken(token, `${SECRET}-rotated`)).toBeNull();
    const other = await issue({ uid: "u4", sid: "s4", sv: 1 }, 3600, `${SECRET}-other`);
    expect(await decodeSessionToken(other, SECRET)).toBeNull();
  });

  it("refuses a forged or altered token", async () => {
    const token = await issue({ uid: "u5", sid: "s5", sv: 1 });
    const parts = token.split(".");
    const tampered = [...parts.slice(0, 3), `${parts[3]!.slice(0, -2)}AA`, parts[4]].join(".");
    expect(await decodeSessionToken(tampered, SECRET)).toBeNull();
    expect(await decodeSessionToken("not-a-token", SECRET)).toBeNull();
  });
});
