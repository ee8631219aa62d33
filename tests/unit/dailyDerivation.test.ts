/** The daily re-derivation fires just after midnight in Shanghai (UTC+8), whatever the server's zone. */
import { describe, expect, it } from "vitest";
import { msUntilNextShanghaiDay } from "@/lib/features/daily/dailyDerivation";

const at = (iso: string) => Date.parse(iso);

describe("next Shanghai midnight", () => {
  it("is one minute away at 23:59 in Shanghai (15:59 UTC)", () => {
    expect(msUntilNextShanghaiDay(at("2026-11-22T15:59:00Z"), 0)).toBe(60_000);
  });
  it("is a whole day away exactly at midnight, and the slack is added", () => {
    expect(msUntilNextShanghaiDay(at("2026-11-22T16:00:00Z"), 0)).toBe(86_400_000);
    expect(msUntilNextShanghaiDay(at("2026-11-22T16:00:00Z"))).toBe(86_405_000);
  });
  it("counts from Shanghai's date, not UTC's: 01:00 UTC is 09:00 in Shanghai, 15 hours to go", () => {
    expect(msUntilNextShanghaiDay(at("2026-11-22T01:00:00Z"), 0)).toBe(15 * 3_600_000);
  });
  it("lands on a Shanghai midnight for any instant", () => {
    for (let i = 0; i < 200; i++) {
      const now = at("2026-01-01T00:00:00Z") + Math.floor(Math.random() * 365 * 86_400_000);
      const fire = now + msUntilNextShanghaiDay(now, 0);
      const shanghai = new Date(fire + 8 * 3_600_000);
      expect([
        shanghai.getUTCHours(),
        shanghai.getUTCMinutes(),
        shanghai.getUTCSeconds(),
        shanghai.getUTCMilliseconds(),
      ]).toEqual([0, 0, 0, 0]);
      expect(fire - now).toBeGreaterThan(0);
      expect(fire - now).toBeLessThanOrEqual(86_400_000);
    }
  });
});
