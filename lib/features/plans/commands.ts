import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import {
  blackoutRuleSets,
  issuers,
  participantCategories,
  participantListEntries,
  plans,
  vestingArrangements,
} from "@/db/schema";
import { blackoutRulePresets } from "@/lib/domain/blackout/blackoutRules";
import { plansCapTotal } from "@/lib/domain/caps/capHoldings";
import { checkPlanSetup } from "@/lib/domain/caps/planCaps";
import { checkTranchesWithinValidity } from "@/lib/domain/plans/planValidity";
import {
  allowedTransitions,
  checkTransition,
  type PlanStatus as LifecycleStatus,
} from "@/lib/domain/plans/planLifecycle";
import { isRuleError, violation, type RuleViolation } from "@/lib/domain/errors";
import { verifyingBodyFor } from "@/lib/domain/process/processRules";
import { DEFAULT_GRADE_TABLE, individualRatio } from "@/lib/domain/vesting/appraisal";
import { parseTrancheRatios } from "@/lib/domain/vesting/trancheQuantities";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { today } from "@/lib/platform/clock";
import { loadPlans, type PlanDto } from "@/lib/features/plans/planReads";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { decimalString, isoDate, text as freeText } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { loadCapInputs } from "@/lib/features/plans/capInputs";
import { trancheInputSchema, blackoutRuleInputSchema, text } from "@/lib/features/plans/schemas";

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A participant category with its vesting arrangement. */
export const categoryInputSchema = z
  .object({
    code: z.number().int().min(1).max(99),
    name: text(100),
    nameEn: text(100),
    tranches: z.array(trancheInputSchema).min(1).max(20),
  })
  .superRefine((c, ctx) => {
    c.tranches.forEach((t, i) => {
      if (t.index !== i + 1)
        ctx.addIssue({
          code: "custom",
          path: ["tranches", i, "index"],
          message: "Tranches must be numbered 1, 2, 3... in order.",
        });
      if (t.endMonths <= t.startMonths)
        ctx.addIssue({
          code: "custom",
          path: ["tranches", i, "endMonths"],
          message: "The period must end after it starts.",
        });
    });
  });

/** Input of createPlan and updatePlan; quantities are whole shares. */
export const planInputSchema = z
  .object({
    name: text(200),
    nameEn: text(200),
    announcementDate: isoDate.nullish(),
    boardApprovalDate: isoDate.nullish(),
    generalMeetingDate: isoDate.nullish(),
    totalQuantity: count.positive(),
    firstGrantQuantity: count,
    reservedQuantity: count,
    shareCapitalAtAnnouncement: count.positive(),
    validityMonths: z.number().int().positive().max(1200),
    blackoutRule: blackoutRuleInputSchema,
    verifyingBody: z.enum(["board_of_supervisors", "remuneration_committee"]).optional(),
    gradeTable: z.record(freeText().min(1).max(8), decimalString).optional(),
    categories: z.array(categoryInputSchema).min(1).max(20),
  })
  .superRefine((p, ctx) => {
    const codes = p.categories.map((c) => c.code);
    if (new Set(codes).size !== codes.length)
      ctx.addIssue({ code: "custom", path: ["categories"], message: "Category codes must be unique." });
  });
export type PlanInput = z.infer<typeof planInputSchema>;

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
    const [locked] = await tx.select({ status: plans.status }).from(plans).where(eq(plans.id, planId)).for("update");
    if (!locked) throw notFound("Plan");
    if (locked.status !== "draft")
      throw new ApiError("PLAN_NOT_DRAFT", "Only a draft plan can be edited.", { status: locked.status });
    refuseIfAny(await planViolations(tx, input, planId));
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
  out.push(...checkTranchesWithinValidity(input.validityMonths, input.categories));
  for (const c of input.categories) {
    const v = ruleViolationOf(() => parseTrancheRatios(c.tranches.map((t) => t.ratio)));
    if (v) out.push({ ...v, details: { ...v.details, categoryCode: c.code } });
  }
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

/** Upserts categories by code and rewrites their arrangements; a dropped category still on a list is refused. */
async function writeCategories(tx: Transaction, planId: string, categories: PlanInput["categories"]): Promise<void> {
  const existing = await tx.select().from(participantCategories).where(eq(participantCategories.planId, planId));
  const byCode = new Map(existing.map((c) => [c.code, c]));
  const dropped = existing.filter((c) => !categories.some((n) => n.code === c.code)).map((c) => c.id);
  if (dropped.length > 0) {
    const used = await tx
      .select({ id: participantListEntries.categoryId })
      .from(participantListEntries)
      .where(inArray(participantListEntries.categoryId, dropped))
      .limit(1);
    if (used.length > 0)
      throw new ApiError("CATEGORY_IN_USE", "A category that is on a participant list cannot be removed.");
    await tx.delete(vestingArrangements).where(inArray(vestingArrangements.categoryId, dropped));
    await tx.delete(participantCategories).where(inArray(participantCategories.id, dropped));
  }
  for (const c of categories) {
    let id = byCode.get(c.code)?.id;
    if (id)
      await tx
        .update(participantCategories)
        .set({ name: c.name, nameEn: c.nameEn })
        .where(eq(participantCategories.id, id));
    else
      id = (
        await tx
          .insert(participantCategories)
          .values({ planId, code: c.code, name: c.name, nameEn: c.nameEn })
          .returning({ id: participantCategories.id })
      )[0]!.id;
    await tx.delete(vestingArrangements).where(eq(vestingArrangements.categoryId, id));
    await tx.insert(vestingArrangements).values(
      c.tranches.map((t) => ({
        categoryId: id,
        trancheIndex: t.index,
        startMonths: t.startMonths,
        endMonths: t.endMonths,
        ratio: t.ratio,
      })),
    );
  }
}
