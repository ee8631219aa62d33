import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { blackoutRuleSets, grants, participantCategories, plans, vestingArrangements } from "@/db/schema";
import { groupBy } from "@/lib/platform/collections/groupBy";
import { trimDecimal } from "@/lib/domain/numeric/decimal";

/** A plan as the API contract (#3) names it, with grant statistics for overview pages. */
export interface PlanDto {
  id: string;
  name: string;
  nameEn: string;
  shareCapital: number;
  totalQuantity: number;
  firstGrantQuantity: number;
  reservedQuantity: number;
  validityMonths: number;
  generalMeetingDate: string | null;
  blackoutRule: { name: string; annualDays: number; quarterlyDays: number };
  verifyingBody: "board_of_supervisors" | "remuneration_committee";
  status: string;
  categories: {
    id: string;
    name: string;
    nameEn: string;
    illustrative: boolean;
    tranches: { index: number; startMonths: number; endMonths: number; ratio: string }[];
  }[];
  stats: { grantees: number; grantedQuantity: number };
}

/** Plans by id (all when ids is undefined), in creation order. */
export async function loadPlans(db: Database, ids?: string[]): Promise<PlanDto[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .select({ plan: plans, rule: blackoutRuleSets })
    .from(plans)
    .innerJoin(blackoutRuleSets, eq(plans.blackoutRuleSetId, blackoutRuleSets.id))
    .where(ids ? inArray(plans.id, ids) : undefined)
    .orderBy(asc(plans.createdAt), asc(plans.name));
  const planIds = rows.map((r) => r.plan.id);
  if (planIds.length === 0) return [];
  const [categories, arrangements, stats] = await Promise.all([
    db
      .select()
      .from(participantCategories)
      .where(inArray(participantCategories.planId, planIds))
      .orderBy(asc(participantCategories.code)),
    db
      .select({ a: vestingArrangements })
      .from(vestingArrangements)
      .innerJoin(participantCategories, eq(vestingArrangements.categoryId, participantCategories.id))
      .where(inArray(participantCategories.planId, planIds))
      .orderBy(asc(vestingArrangements.trancheIndex)),
    db
      .select({
        planId: grants.planId,
        grantees: sql<number>`count(distinct ${grants.personId})::int`,
        granted: sql<number>`coalesce(sum(${grants.quantity}), 0)::bigint`,
      })
      .from(grants)
      .where(inArray(grants.planId, planIds))
      .groupBy(grants.planId),
  ]);
  const categoriesByPlan = groupBy(categories, (c) => c.planId);
  const tranchesByCategory = groupBy(
    arrangements.map((r) => r.a),
    (a) => a.categoryId,
  );
  const statsByPlan = new Map(stats.map((s) => [s.planId, s]));
  return rows.map(({ plan, rule }) => ({
    id: plan.id,
    name: plan.name,
    nameEn: plan.nameEn,
    shareCapital: plan.shareCapitalAtAnnouncement,
    totalQuantity: plan.totalQuantity,
    firstGrantQuantity: plan.firstGrantQuantity,
    reservedQuantity: plan.reservedQuantity,
    validityMonths: plan.validityMonths,
    generalMeetingDate: plan.generalMeetingDate,
    blackoutRule: { name: rule.name, annualDays: rule.annualDays, quarterlyDays: rule.quarterlyDays },
    verifyingBody: plan.verifyingBody,
    status: plan.status,
    categories: (categoriesByPlan.get(plan.id) ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      nameEn: c.nameEn,
      illustrative: c.illustrative,
      tranches: (tranchesByCategory.get(c.id) ?? []).map((t) => ({
        index: t.trancheIndex,
        startMonths: t.startMonths,
        endMonths: t.endMonths,
        ratio: trimDecimal(t.ratio),
      })),
    })),
    stats: {
      grantees: Number(statsByPlan.get(plan.id)?.grantees ?? 0),
      grantedQuantity: Number(statsByPlan.get(plan.id)?.granted ?? 0),
    },
  }));
}
