import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { refreshNotices } from "@/lib/features/notices/notices";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

describe.each(BACKENDS)("notices and the e-mail outbox on %s", (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
  });
  afterAll(async () => h?.close());

  it("creates the day's notices once each and queues one e-mail per notice", async () => {
    const created = await refreshNotices(h.db, AS_OF);
    const notices = await rows<{ email: string; kind: string }>(
      h,
      sql`SELECT u.email, n.kind FROM notifications n JOIN users u ON u.id = n.user_id ORDER BY 1, 2`,
    );
    expect(notices).toEqual([
      { email: "employee2@demo.local", kind: "grant_to_accept" },
      { email: "employee2@demo.local", kind: "publicity_opened" },
      { email: "employee@demo.local", kind: "grant_to_accept" },
      // Seeded with the demo's vesting batch whose payment is open (db/seed/seedVestingBatch.ts).
      { email: "employee@demo.local", kind: "payment_due" },
      { email: "employee@demo.local", kind: "publicity_opened" },
    ]);
    expect(created).toBe(4);
    expect(await refreshNotices(h.db, AS_OF)).toBe(0);
    const [outbox] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM email_outbox`);
    expect(outbox!.n).toBe(4);
  });

  it("announces a window opening within 14 days and a blackout starting within 7 days", async () => {
    // 2025-11-25: the 2022 first grant's last window (both categories) opens on 2025-12-05, 10 days later.
    await refreshNotices(h.db, "2025-11-25");
    const opening = await rows<{ email: string; payload: { windowOpen: string } }>(
      h,
      sql`SELECT u.email, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'window_opening' ORDER BY 1`,
    );
    expect(opening.map((o) => [o.email, o.payload.windowOpen])).toEqual([
      ["employee2@demo.local", "2025-12-05"],
      ["employee@demo.local", "2025-12-05"],
    ]);
    // 2026-10-12: the Q3-report blackout (2026-10-18 .. 2026-10-27, 10 days before 2026-10-28) starts within 7 days.
    await refreshNotices(h.db, "2026-10-12");
    const blackout = await rows<{ email: string; payload: { from: string; to: string } }>(
      h,
      sql`SELECT u.email, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'blackout_starting' ORDER BY 1`,
    );
    expect(blackout.map((b) => [b.email, b.payload.from, b.payload.to])).toEqual([
      ["employee2@demo.local", "2026-10-18", "2026-10-27"],
      ["employee@demo.local", "2026-10-18", "2026-10-27"],
    ]);
  });
});
