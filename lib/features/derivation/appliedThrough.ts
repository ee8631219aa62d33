import "server-only";
import { isNotNull, min } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { plans } from "@/db/schema";
import { minIsoDate } from "@/lib/domain/calendar/isoDate";
import { today } from "@/lib/platform/clock";

/**
 * The day through which each issuer's corporate actions are applied: the earliest day any of its plans was
 * last derived for, and never after today. A plan is derived for a day by rederivePlan, which applies every
 * action with an ex-date on or before it; the daily job (lib/features/daily) derives every plan each day.
 */
export async function appliedThroughByIssuer(
  db: Database | Transaction,
  now: string = today(),
): Promise<(issuerId: string) => string> {
  const rows = await db
    .select({ issuerId: plans.issuerId, derivedOn: min(plans.derivedOn) })
    .from(plans)
    .where(isNotNull(plans.derivedOn))
    .groupBy(plans.issuerId);
  const byIssuer = new Map(rows.map((r) => [r.issuerId, r.derivedOn ? minIsoDate(now, r.derivedOn) : now]));
  return (issuerId) => byIssuer.get(issuerId) ?? now;
}
