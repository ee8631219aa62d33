import { lt, isNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { plans } from "@/db/schema";
import { todayInShanghai } from "@/lib/domain/calendar/isoDate";
import { rederivePlan } from "./trancheDerivation";

const globalForFresh = globalThis as unknown as { __vdFreshOn?: string; __vdFreshening?: Promise<void> };

/**
 * Statuses and earliest dates depend on today, so the first read of a new Shanghai day re-derives
 * every plan derived on an earlier day. Cheap after that: one comparison per request.
 */
export async function ensureDerivedToday(db: Database, today = todayInShanghai()): Promise<void> {
  if (globalForFresh.__vdFreshOn === today) return;
  globalForFresh.__vdFreshening ??= (async () => {
    const stale = await db.select({ id: plans.id }).from(plans).where(or(isNull(plans.derivedOn), lt(plans.derivedOn, today)));
    for (const p of stale) await db.transaction((tx) => rederivePlan(tx, p.id, today).then(() => undefined));
    globalForFresh.__vdFreshOn = today;
  })().finally(() => {
    globalForFresh.__vdFreshening = undefined;
  });
  await globalForFresh.__vdFreshening;
}
