import { and, eq, min, notInArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grantBatches, plans } from "@/db/schema";
import { compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { validityEndOf } from "@/lib/features/derivation/trancheDerivation";

/** A plan that still counts towards the 1 % and 20 % caps. */
export interface PlanInValidity {
  id: string;
  totalQuantity: number;
  validityEnd: string | null;
}

/**
 * Plans within validity on `asOf`: not closed or expired, and either not granted yet (validity
 * runs from the first grant, so an ungranted plan is pending in full) or granted with the end ahead.
 */
export async function plansInValidity(tx: Database | Transaction, asOf: string): Promise<PlanInValidity[]> {
  const rows = await tx
    .select({ id: plans.id, totalQuantity: plans.totalQuantity, validityMonths: plans.validityMonths, firstGrant: min(grantBatches.grantDate) })
    .from(plans)
    .leftJoin(grantBatches, and(eq(grantBatches.planId, plans.id), eq(grantBatches.batch, "first")))
    .where(notInArray(plans.status, ["closed", "expired"]))
    .groupBy(plans.id, plans.totalQuantity, plans.validityMonths);
  return rows
    .map((r) => ({ id: r.id, totalQuantity: Number(r.totalQuantity), validityEnd: validityEndOf(r.firstGrant ?? null, r.validityMonths) }))
    .filter((p) => p.validityEnd === null || compareIsoDates(p.validityEnd, asOf) >= 0);
}
