import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { corporateActions, plans } from "@/db/schema";
import type { CorporateActionType } from "@/lib/domain/adjustments/corporateActions";
import type { GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { withStatus } from "@/lib/features/corporate-actions/actionList";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/platform/db";

/** A corporate action recorded for a later ex-date that will adjust the grant on that day. */
export interface ScheduledAdjustment {
  id: string;
  type: CorporateActionType;
  exDate: string;
}

/**
 * The scheduled corporate actions that will adjust a grant the caller has already read (grantForUser
 * decides who may see it): those of the plan's issuer with an ex-date after the grant date, not yet
 * applied, while the grant has a tranche outstanding. Corporate actions are the issuer's public
 * announcements, so this says nothing about anyone's grant beyond the one given.
 */
export async function scheduledAdjustmentsOf(
  grant: Pick<GrantDto, "planId" | "grantDate" | "tranches">,
): Promise<ScheduledAdjustment[]> {
  await requireUser();
  if (!grant.tranches.some((t) => t.status === "pending" || t.status === "vestable")) return [];
  const database = await db();
  const rows = await database
    .select({ a: corporateActions })
    .from(corporateActions)
    .innerJoin(plans, eq(plans.issuerId, corporateActions.issuerId))
    .where(and(eq(plans.id, grant.planId), gt(corporateActions.exDate, grant.grantDate)))
    .orderBy(asc(corporateActions.exDate), asc(corporateActions.createdAt));
  const scheduled = (
    await withStatus(
      database,
      rows.map((r) => r.a),
    )
  ).filter((a) => a.status === "scheduled");
  // An action compensated before its ex-date, and its compensation, cancel out: neither will change anything.
  const ids = new Set(scheduled.map((a) => a.id));
  const cancelled = new Set(
    scheduled.flatMap((a) => (a.compensatesId && ids.has(a.compensatesId) ? [a.id, a.compensatesId] : [])),
  );
  return scheduled.filter((a) => !cancelled.has(a.id)).map((a) => ({ id: a.id, type: a.type, exDate: a.exDate }));
}
