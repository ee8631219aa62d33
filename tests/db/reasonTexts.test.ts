import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { grantById } from "@/lib/features/grants/readModel/grantReads";
import { LAPSE_REASON_TEXT, LAPSE_REASONS, EARLIEST_REASONS } from "@/lib/domain/vesting/reasonTexts";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

describe.each(BACKENDS)("coded reasons travel with their text on %s", (kind) => {
  let h: DatabaseHandle;
  const previousToday = process.env.VD_TODAY;

  beforeAll(async () => {
    process.env.VD_TODAY = "2026-12-06";
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, "2026-12-06");
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("every stored lapse and earliest-date reason is a code the API enumerates", async () => {
    const stored = await rows<{ lapse: string | null; earliest: string | null }>(
      h,
      sql`SELECT DISTINCT lapse_reason AS lapse, earliest_reason AS earliest FROM tranches`,
    );
    for (const r of stored) {
      if (r.lapse !== null) expect(LAPSE_REASONS).toContain(r.lapse);
      if (r.earliest !== null) expect(EARLIEST_REASONS).toContain(r.earliest);
    }
    expect(stored.some((r) => r.lapse !== null)).toBe(true);
  });

  it("a lapsed tranche's DTO has the reason's text in both languages beside the code", async () => {
    const [lapsed] = await rows<{ grant_id: string; reason: keyof typeof LAPSE_REASON_TEXT }>(
      h,
      sql`SELECT grant_id, lapse_reason AS reason FROM tranches WHERE lapse_reason IS NOT NULL ORDER BY grant_id LIMIT 1`,
    );
    const grant = await grantById(h.db, lapsed!.grant_id);
    const tranche = grant!.tranches.find((t) => t.lapseReason === lapsed!.reason)!;
    expect(tranche.lapseReasonText).toEqual(LAPSE_REASON_TEXT[lapsed!.reason]);
    const open = grant!.tranches.find((t) => t.lapseReason === null);
    if (open) expect(open.lapseReasonText).toBeNull();
  });
});
