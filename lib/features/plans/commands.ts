import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { blackoutRuleSets, issuers, plans } from "@/db/schema";
import { blackoutRulePresets } from "@/lib/domain/blackout/blackoutRules";
import { plansCapTotal } from "@/lib/domain/caps/capHoldings";
import { checkPlanSetup } from "@/lib/domain/caps/planCaps";
import { checkMeetingDateAgrees } from "@/lib/domain/plans/generalMeetingDate";
import {
  allowedTransitions,
  checkTransition,
  type PlanStatus as LifecycleStatus,
} from "@/lib/domain/plans/planLifecycle";
import { isRuleError, violation, type RuleViolation } from "@/lib/domain/errors";
import { verifyingBodyFor } from "@/lib/domain/process/processRules";
import { DEFAULT_GRADE_TABLE, individualRatio } from "@/lib/domain/vesting/appraisal";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { today } from "@/lib/platform/clock";
import { loadPlans, type PlanDto } from "@/lib/features/plans/planReads";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import type { Actor } from "@/lib/auth/actor";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { loadCapInputs } from "@/lib/features/plans/capInputs";
import { categoryViolations, writeCategories } from "@/lib/features/plans/planCategories";
import type { PlanInput } from "@/lib/features/plans/schemas";

// The schemas live in schemas.ts; these names stay importable from here.
export { categoryInputSchema, planInputSchema, type PlanInput } from "@/lib/features/plans/schemas";

export type PlanStatus = LifecycleStatus;

/** Statuses a plan may move to from `from`, as the lifecycle table says: the next step, or closed/expired once vesting. */
export function nextStatuses(from: PlanStatus): PlanStatus[] {
  return allowedTransitions(from);
}

/** Creates a draft plan with its categories and arrangements after checking the set-up rules; returns it as GET /plans/{id} does. */
export async function createPlan(db: Database, actor: Actor, input: PlanInput): Promise<PlanDto> {
  const planId = await db.transaction(async (tx) => {
    const [issuer] = await tx.select({ id: issuers.id }).from(issuers).limit(2);
    if (!issuer) throw new ApiError("NO_ISSUER", "Set up the issuer before creating plans.");
    refuseIfAny(await planViolations(tx, input, null));
    const ruleSetId = await resolveRuleSet(tx, input.blackoutRule);
    const [row] = await tx
      .insert(plans)
      .values({ issuerId: issuer.id, ...planColumns(input), blackoutRuleSetId: ruleSetId, status: "draft" })
      .returning({ id: plans.id });
    await writeCategories(tx, row!.id, input.categories);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "plan.create",
      entityType: "plan",
      entityId: row!.id,
      before: null,
      after: auditSnapshot(input),
      ip: actor.ip,
    });
    return row!.id;
  });
  return (await loadPlans(db, [planId]))[0]!;
}

/** Replaces a draft plan's fields, categories and arrangements; 409 once the plan has left draft. */
export async function updatePlan(db: Database, actor: Actor, planId: string, input: PlanInput): Promise<PlanDto> {
  const before = (await loadPlans(db, [planId]))[0];
  if (!before) throw notFound("Plan");
  await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ status: plans.status, generalMeetingDate: plans.generalMeetingDate })
      .from(plans)
      .where(eq(plans.id, planId))
      .for("update");
    if (!locked) throw notFound("Plan");
    if (locked.status !== "draft")
      throw new ApiError("PLAN_NOT_DRAFT", "Only a draft plan can be edited.", { status: locked.status });
    // A set meeting date changes only through changeGeneralMeetingDate (audited with a reason).
    refuseIfAny([
      ...checkMeetingDateAgrees(locked.generalMeetingDate, input.generalMeetingDate ?? null),
      ...(await planViolations(tx, input, planId)),
    ]);
    const ruleSetId = await resolveRuleSet(tx, input.blackoutRule);
    await tx
      .update(plans)
      .set({ ...planColumns(input), blackoutRuleSetId: ruleSetId, updatedAt: new Date() })
      .where(eq(plans.id, planId));
    await writeCategories(tx, planId, input.categories);
    // The rule set is a tranche input: re-derive even though a draft normally has no grants yet.
    await rederivePlan(tx, planId);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "plan.update",
      entityType: "plan",
      entityId: planId,
      before,
      after: auditSnapshot(input),
      ip: actor.ip,
    });
  });
  return (await loadPlans(db, [planId]))[0]!;
}

/** Moves a plan one step along its lifecycle; 409 INVALID_TRANSITION for any other move. */
export async function advancePlanStatus(db: Database, actor: Actor, planId: string, to: PlanStatus): Promise<PlanDto> {
  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: plans.status }).from(plans).where(eq(plans.id, planId)).for("update");
    if (!locked) throw notFound("Plan");
    const refused = checkTransition(locked.status, to);
    const allowed = refused?.allowed;
    if (refused)
      throw new ApiError("INVALID_TRANSITION", `A ${locked.status} plan cannot move to ${to}.`, {
        from: locked.status,
        to,
        allowed,
      });
    await tx.update(plans).set({ status: to, updatedAt: new Date() }).where(eq(plans.id, planId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "plan.status",
      entityType: "plan",
      entityId: planId,
      before: { status: locked.status },
      after: { status: to },
      ip: actor.ip,
    });
  });
  return (await loadPlans(db, [planId]))[0]!;
}

/** Every set-up rule the input breaks: quantities and caps, tranche ratios per category, the grade table. */
async function planViolations(tx: Transaction, input: PlanInput, planId: string | null): Promise<RuleViolation[]> {
  // Other plans count toward the 20 % cap by the same rule as a grant's (lib/domain/caps/capHoldings.ts), as of today.
  const { plans: allPlans, batchTotals } = await loadCapInputs(tx, null, []);
  const otherPlansTotal = plansCapTotal(
    allPlans.filter((p) => p.id !== planId),
    batchTotals,
    today(),
  );
  const out = checkPlanSetup({
    totalQuantity: input.totalQuantity,
    firstGrantQuantity: input.firstGrantQuantity,
    reservedQuantity: input.reservedQuantity,
    validityMonths: input.validityMonths,
    shareCapital: input.shareCapitalAtAnnouncement,
    otherPlansTotal,
  });
  out.push(...(await categoryViolations(tx, planId, input.validityMonths, input.categories)));
  for (const grade of Object.keys(input.gradeTable ?? {})) {
    const v = ruleViolationOf(() => individualRatio(input.gradeTable!, grade));
    if (v) out.push(v);
  }
  if (input.gradeTable && Object.keys(input.gradeTable).length === 0)
    out.push(violation("INVALID_RATIOS", { problem: "the grade table is empty" }));
  return out;
}

function ruleViolationOf(run: () => unknown): RuleViolation | null {
  try {
    run();
    return null;
  } catch (e) {
    if (isRuleError(e)) return e.toViolation();
    throw e;
  }
}

function planColumns(input: PlanInput) {
  return {
    name: input.name,
    nameEn: input.nameEn,
    announcementDate: input.announcementDate ?? null,
    boardApprovalDate: input.boardApprovalDate ?? null,
    generalMeetingDate: input.generalMeetingDate ?? null,
    totalQuantity: input.totalQuantity,
    firstGrantQuantity: input.firstGrantQuantity,
    reservedQuantity: input.reservedQuantity,
    shareCapitalAtAnnouncement: input.shareCapitalAtAnnouncement,
    validityMonths: input.validityMonths,
    // The 2025-03-27 amendment moved verification to the remuneration committee; an undated draft uses today's rule.
    verifyingBody: input.verifyingBody ?? verifyingBodyFor(input.boardApprovalDate ?? today()),
    gradeTable: { ...(input.gradeTable ?? DEFAULT_GRADE_TABLE) },
  };
}

function auditSnapshot(input: PlanInput) {
  return { ...planColumns(input), blackoutRule: input.blackoutRule, categories: input.categories };
}

/** The rule-set row for a preset (created on first use) or a custom set (reused only when identical). */
async function resolveRuleSet(tx: Transaction, rule: PlanInput["blackoutRule"]): Promise<string> {
  const wanted = "preset" in rule ? blackoutRulePresets.find((p) => p.name === rule.preset)! : rule;
  const [existing] = await tx.select().from(blackoutRuleSets).where(eq(blackoutRuleSets.name, wanted.name));
  if (existing) {
    const same =
      existing.annualDays === wanted.annualDays &&
      existing.quarterlyDays === wanted.quarterlyDays &&
      existing.isPreset === "preset" in rule;
    if (!same)
      throw new ApiError("RULE_SET_NAME_TAKEN", `A different blackout rule set is already named "${wanted.name}".`, {
        name: wanted.name,
      });
    return existing.id;
  }
  const [row] = await tx
    .insert(blackoutRuleSets)
    .values({
      name: wanted.name,
      annualDays: wanted.annualDays,
      quarterlyDays: wanted.quarterlyDays,
      isPreset: "preset" in rule,
    })
    .returning({ id: blackoutRuleSets.id });
  return row!.id;
}
