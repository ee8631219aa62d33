import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { participantCategories, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { grantAwards } from "@/lib/features/grants/commands";
import type { GrantAwardsInput } from "@/lib/features/grants/schemas";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";
import { verifiedReservedList } from "./support/reservedList";

const AS_OF = "2026-11-21";

// The demo's current plan seeded on AS_OF: meeting 2025-10-04, first grant 2025-10-24, tranches 12-24/24-36/36-48
// months. With a validity of 48 months (set below) the validity ends 2029-10-23, so a reserve granted later than
// the first grant has a last window ending after it.
describe.each(BACKENDS)("reserved grant windows within the validity on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let planId: string;
  let categoryId: string;
  const previousToday = process.env.VD_TODAY;
  const counts = async () =>
    (
      await rows<{ batches: number; grants: number; audit: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM grant_batches) AS batches, (SELECT count(*)::int FROM grants) AS grants, (SELECT count(*)::int FROM audit_log) AS audit`,
      )
    )[0]!;
  const reserved = (grantDate: string, employeeNo: string): GrantAwardsInput => ({
    batch: "reserved",
    grantDate,
    grantPrice: "21.60",
    boardResolutionDate: grantDate,
    items: [{ employeeNo, categoryId, quantity: 1_000 }],
  });

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: null };
    const [plan] = await h.db
      .select({ id: plans.id })
      .from(plans)
      .where(eq(plans.nameEn, "2025 Core Staff Restricted Stock Incentive Plan"));
    planId = plan!.id;
    categoryId = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(eq(participantCategories.planId, planId))
    )[0]!.id;
    // Test set-up: a 48-month validity, which the 12-48 month arrangement still fits at set-up.
    await h.db.update(plans).set({ validityMonths: 48 }).where(eq(plans.id, planId));
    // E00230 on a verified reserved list disclosed before every grant date tried below.
    await verifiedReservedList(h.db, planId, "2025-10-24", [{ employeeNo: "E00230", categoryId, quantity: 1_000 }]);
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("refuses a reserve whose last window would end after the validity from the first grant, naming the dates, writing nothing", async () => {
    const before = await counts();
    const e = await refusal(grantAwards(h.db, actor, planId, reserved("2026-09-30", "E00230")));
    expect([e.status, e.code]).toEqual([422, "RESERVED_TRANCHE_AFTER_VALIDITY"]);
    expect(e.details).toMatchObject({
      categoryCode: 1,
      tranche: 3,
      grantDate: "2026-09-30",
      windowEnd: "2030-09-29",
      validityEnd: "2029-10-23",
      firstGrantDate: "2025-10-24",
    });
    expect((e.details as { violations: unknown[] }).violations).toHaveLength(1);
    expect(e.message).toBe(
      "Tranche 3 of category 1, granted on 2026-09-30, would end on 2030-09-29, after the plan's validity ends on 2029-10-23 (48 months from the first grant on 2025-10-24).",
    );
    expect(await counts()).toEqual(before);
    // One day after the first grant is already too late for the last window.
    const dayLater = await refusal(grantAwards(h.db, actor, planId, reserved("2025-10-25", "E00230")));
    expect(dayLater.details).toMatchObject({ windowEnd: "2029-10-24", validityEnd: "2029-10-23" });
    expect(await counts()).toEqual(before);
  });

  it("grants a reserve whose last window ends on the validity's last day", async () => {
    const before = await counts();
    const result = await grantAwards(h.db, actor, planId, reserved("2025-10-24", "E00230"));
    expect(result.grants).toHaveLength(1);
    expect(await counts()).toMatchObject({ batches: before.batches + 1, grants: before.grants + 1 });
  });
});
