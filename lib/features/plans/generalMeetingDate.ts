import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grantBatches, plans, verificationRecords } from "@/db/schema";
import { checkMeetingDateChange } from "@/lib/domain/plans/generalMeetingDate";
import { notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { isUuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { loadPlans, type PlanDto } from "@/lib/features/plans/planReads";
import type { GeneralMeetingDateInput } from "@/lib/features/plans/schemas";

/**
 * The one way to change a plan's general meeting date once set (a verification only fills an unset one):
 * audited with the dates before and after and the reason. Refused once the plan has any grant — a first
 * grant's timing (on or after the meeting, within 60 days) was checked against the old date — and when
 * the verification opinion in force would no longer be disclosed 5 days before the new date.
 */
export async function changeGeneralMeetingDate(
  db: Database,
  actor: Actor,
  planId: string,
  input: GeneralMeetingDateInput,
): Promise<PlanDto> {
  if (!isUuid(planId)) throw notFound("Plan");
  await db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ generalMeetingDate: plans.generalMeetingDate })
      .from(plans)
      .where(eq(plans.id, planId))
      .for("update");
    if (!plan) throw notFound("Plan");
    const [earliest] = await tx
      .select({ grantDate: sql<string | null>`min(${grantBatches.grantDate})::text` })
      .from(grantBatches)
      .where(eq(grantBatches.planId, planId));
    const [verification] = await tx
      .select({ disclosureDate: verificationRecords.disclosureDate, stale: verificationRecords.stale })
      .from(verificationRecords)
      .where(eq(verificationRecords.planId, planId))
      .orderBy(desc(verificationRecords.createdAt))
      .limit(1);
    refuseIfAny(
      checkMeetingDateChange({
        current: plan.generalMeetingDate,
        requested: input.generalMeetingDate,
        earliestGrantDate: earliest?.grantDate ?? null,
        disclosureDate: verification && !verification.stale ? verification.disclosureDate : null,
      }),
    );
    await tx
      .update(plans)
      .set({ generalMeetingDate: input.generalMeetingDate, updatedAt: new Date() })
      .where(eq(plans.id, planId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "plan.general_meeting_date",
      entityType: "plan",
      entityId: planId,
      before: { generalMeetingDate: plan.generalMeetingDate },
      after: { generalMeetingDate: input.generalMeetingDate, reason: input.reason },
      ip: actor.ip,
    });
  });
  return (await loadPlans(db, [planId]))[0]!;
}
