import { describe, expect, it } from "vitest";
import { sessionBatch } from "@/lib/auth/sessionBatch";

/** A check that records the joined reads of each statement it "sends". */
function recordingCheck() {
  const statements: string[][] = [];
  return {
    statements,
    check: async (joinedReads: string[]) => {
      statements.push(joinedReads);
      return `user+${joinedReads.join("+")}`;
    },
  };
}

describe("one session check per request", () => {
  it("answers every caller that joins before the event loop turns from one statement with all their joined reads", async () => {
    const { statements, check } = recordingCheck();
    const batch = sessionBatch(check, setImmediate);
    const layout = batch.join(null);
    // The page joins a few microtasks later (it awaited cached promises first): still in time.
    await Promise.resolve();
    await Promise.resolve();
    const page = batch.join("home");
    const i18n = batch.join(null);
    expect([layout.included, page.included, i18n.included]).toEqual([true, true, true]);
    expect(await layout.result).toBe("user+home");
    expect(await page.result).toBe("user+home");
    expect(await i18n.result).toBe("user+home");
    expect(statements).toEqual([["home"]]);
  });

  it("leaves out a joined read asked for after the statement left, and says so", async () => {
    const { statements, check } = recordingCheck();
    const batch = sessionBatch(check, setImmediate);
    const first = batch.join(null);
    await first.result;
    const late = batch.join("grants");
    expect(late.included).toBe(false);
    expect(await late.result).toBe("user+");
    expect(statements).toEqual([[]]);
  });

  it("asks for a joined read once however often it is joined", async () => {
    const { statements, check } = recordingCheck();
    const batch = sessionBatch(check, setImmediate);
    batch.join("home");
    batch.join("home");
    await batch.join("grants").result;
    expect(statements).toEqual([["home", "grants"]]);
  });

  it("hands a failed check to every caller", async () => {
    const batch = sessionBatch(async () => {
      throw new Error("database down");
    }, queueMicrotask);
    const a = batch.join(null);
    const b = batch.join("home");
    await expect(a.result).rejects.toThrow("database down");
    await expect(b.result).rejects.toThrow("database down");
  });
});
