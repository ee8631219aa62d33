import "server-only";
import { and, asc, eq, inArray, min } from "drizzle-orm";
import type { Database } from "@/db/client";
import { corporateActions, grantBatches, plans } from "@/db/schema";
import type { CorporateActionInput } from "@/lib/domain/adjustments/corporateActions";
import { trimDecimal } from "@/lib/domain/numeric/decimal";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";

/** Plan-level facts the registers look up per row: a handful of plans, loaded once per export. */
export interface RegisterPlan {
  id: string;
  issuerId: string;
  name: string;
  nameEn: string;
  boardApprovalDate: string | null;
  generalMeetingDate: string | null;
  totalQuantity: number;
  reservedQuantity: number;
  shareCapitalAtAnnouncement: number;
  validityMonths: number;
  firstGrantDate: string | null;
}

/** The plans in scope and each issuer's corporate actions in the order the engine applies them. */
export interface RegisterContext {
  plans: Map<string, RegisterPlan>;
  actionsByIssuer: Map<string, CorporateActionInput[]>;
}

/** Loads the context for one plan (null: every plan). */
export async function loadRegisterContext(db: Database, planId: string | null): Promise<RegisterContext> {
  const planRows = await db
    .select({
      id: plans.id,
      issuerId: plans.issuerId,
      name: plans.name,
      nameEn: plans.nameEn,
      boardApprovalDate: plans.boardApprovalDate,
      generalMeetingDate: plans.generalMeetingDate,
      totalQuantity: plans.totalQuantity,
      reservedQuantity: plans.reservedQuantity,
      shareCapitalAtAnnouncement: plans.shareCapitalAtAnnouncement,
      validityMonths: plans.validityMonths,
    })
    .from(plans)
    .where(planId === null ? undefined : eq(plans.id, planId))
    .orderBy(asc(plans.createdAt), asc(plans.name));
  const ids = planRows.map((p) => p.id);
  const firstDates =
    ids.length === 0
      ? []
      : await db
          .select({ planId: grantBatches.planId, date: min(grantBatches.grantDate) })
          .from(grantBatches)
          // Validity runs from the first grant in force: a voided one was never made.
          .where(
            and(inArray(grantBatches.planId, ids), eq(grantBatches.batch, "first"), batchNotVoided(grantBatches.id)),
          )
          .groupBy(grantBatches.planId);
  const firstByPlan = new Map(firstDates.map((f) => [f.planId, f.date]));
  const issuerIds = [...new Set(planRows.map((p) => p.issuerId))];
  const actionRows =
    issuerIds.length === 0
      ? []
      : await db
          .select()
          .from(corporateActions)
          .where(inArray(corporateActions.issuerId, issuerIds))
          .orderBy(asc(corporateActions.exDate), asc(corporateActions.createdAt));
  const actionsByIssuer = new Map<string, CorporateActionInput[]>();
  for (const a of actionRows) {
    const list = actionsByIssuer.get(a.issuerId) ?? [];
    // numeric(18,8) comes back as "0.60000000"; the engine takes the decimal as written, as trancheDerivation passes it.
    const opt = (v: string | null) => (v === null ? undefined : trimDecimal(v));
    list.push({ type: a.type, exDate: a.exDate, n: opt(a.n), v: opt(a.v), p1: opt(a.p1), p2: opt(a.p2) });
    actionsByIssuer.set(a.issuerId, list);
  }
  return {
    plans: new Map(planRows.map((p) => [p.id, { ...p, firstGrantDate: firstByPlan.get(p.id) ?? null }])),
    actionsByIssuer,
  };
}
