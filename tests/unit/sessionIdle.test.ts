import { describe, expect, it } from "vitest";
import { IDLE_TIMEOUT_MS, sessionIsLive } from "@/lib/auth/sessionRecords";

describe("session idle timeout", () => {
  const now = Date.parse("2026-11-21T08:00:00Z");
  const seen = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);

  it("is 30 minutes", () => {
    expect(IDLE_TIMEOUT_MS).toBe(30 * 60 * 1000);
  });

  it("keeps a session seen within the last 30 minutes and ends one idle for longer", () => {
    expect(sessionIsLive({ lastSeenAt: seen(0), endedAt: null }, now)).toBe(true);
    expect(sessionIsLive({ lastSeenAt: seen(30), endedAt: null }, now)).toBe(true);
    expect(sessionIsLive({ lastSeenAt: seen(30.01), endedAt: null }, now)).toBe(false);
  });

  it("never revives a session that was signed out or ended by an admin", () => {
    expect(sessionIsLive({ lastSeenAt: seen(0), endedAt: seen(1) }, now)).toBe(false);
  });
});
