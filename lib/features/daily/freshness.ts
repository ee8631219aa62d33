import "server-only";
import { eq, lt, isNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { plans } from "@/db/schema";

import { refreshNotices } from "@/lib/features/notices/notices";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { announceAppliedActions } from "@/lib/features/daily/appliedActions";
import { today as clockToday } from "@/lib/platform/clock";

const globalForFresh = globalThis as unknown as { __vdFreshOn?: string; __vdFreshening?: Promise<void> };

/**
 * Statuses and earliest dates depend on today, so the first read of a new Shanghai day re-derives
 * every plan derived on an earlier day (which applies a corporate action whose ex-date has come),
 * announces the actions so applied, and creates the day's notices. Cheap after that: one comparison
 * per request.
 */
export async function ensureDerivedToday(db: Database, today = clockToday()): Promise<void> {
  if (globalForFresh.__vdFreshOn === today) return;
  globalForFresh.__vdFreshening ??= (async () => {
    const stale = await db
      .select({ id: plans.id })
      .from(plans)
      .where(or(isNull(plans.derivedOn), lt(plans.derivedOn, today)));
    for (const p of stale) {
      await db.transaction(async (tx) => {
        // Instances behind a load balancer all see the new day: the plan row lock makes one derive
        // and the others find it done.
        const [row] = await tx
          .select({ derivedOn: plans.derivedOn })
          .from(plans)
          .where(eq(plans.id, p.id))
          .for("update");
        if (row?.derivedOn && row.derivedOn >= today) return;
        await rederivePlan(tx, p.id, today);
      });
    }
    // A scheduled corporate action whose ex-date is today (or passed while the server slept) was applied
    // by the derivations above: its grantees are told it happened, and the audit trail records when.
    await announceAppliedActions(db, today);
    // Notices depend on today as well (windows opening within 14 days, blackouts starting soon).
    await refreshNotices(db, today);
    globalForFresh.__vdFreshOn = today;
  })().finally(() => {
    globalForFresh.__vdFreshening = undefined;
  });
  await globalForFresh.__vdFreshening;
}
