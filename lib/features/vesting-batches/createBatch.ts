import "server-only";
import { eq, inArray, max } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { plans, vestingBatchPeriods, vestingBatches } from "@/db/schema";
import type { RuleViolation } from "@/lib/domain/errors";
import { checkPaymentWindow } from "@/lib/domain/payment/paymentWindow";
import { unknownPlaceholders } from "@/lib/domain/payment/paymentReference";
import { compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { ApiError, badRequest, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import type { Actor } from "@/lib/auth/actor";
import { periodVestingDate } from "@/lib/features/vesting/periodVestingDate";
import type { CreateVestingBatchInput } from "@/lib/features/vesting-batches/schemas";

/**
 * Opens a vesting batch as a draft: the tranche periods it covers, the planned registration date —
 * a permissible vesting day for every period (trading day, outside blackout windows, inside each
 * tranche's window and the plan's validity) — the payment window before it, the account and the
 * reference grantees write. Refused as a whole, with every violation, before anything is written.
 */
export async function createVestingBatch(db: Database, actor: Actor, planId: string, input: CreateVestingBatchInput) {
  return db.transaction(async (tx) => {
    const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).for("update");
    if (!plan) throw notFound("Plan");
    checkReferenceTemplate(input.referenceTemplate);

    const violations: RuleViolation[] = [];
    const periods: { grantBatchId: string; categoryId: string; trancheIndex: number }[] = [];
    let windowClose: string | null = null;
    for (const p of input.periods) {
      const checked = await periodVestingDate(tx, planId, p, input.registrationDate);
      const period = { grantBatchId: checked.batch.id, categoryId: p.categoryId, trancheIndex: p.trancheIndex };
      for (const v of checked.violations) violations.push({ ...v, details: { ...v.details, period } });
      periods.push(period);
      const close = checked.window.close;
      if (close !== null && (windowClose === null || compareIsoDates(close, windowClose) < 0)) windowClose = close;
    }
    const keys = periods.map(periodKey);
    if (new Set(keys).size !== keys.length) throw badRequest("A tranche period is listed twice.");
    violations.push(
      ...checkPaymentWindow({
        start: input.paymentStart,
        deadline: input.paymentDeadline,
        registrationDate: input.registrationDate,
        windowClose,
      }),
    );
    refuseIfAny(violations);
    await refuseTakenPeriods(tx, periods);

    const [last] = await tx
      .select({ n: max(vestingBatches.batchNo) })
      .from(vestingBatches)
      .where(eq(vestingBatches.planId, planId));
    const { periods: _p, ...fields } = input;
    const [batch] = await tx
      .insert(vestingBatches)
      .values({ ...fields, planId, batchNo: (last?.n ?? 0) + 1, createdBy: actor.userId })
      .returning();
    await tx.insert(vestingBatchPeriods).values(periods.map((p) => ({ ...p, vestingBatchId: batch!.id })));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "vesting_batch.create",
      entityType: "vesting_batch",
      entityId: batch!.id,
      ip: actor.ip,
      before: null,
      after: { ...fields, planId, batchNo: batch!.batchNo, periods },
    });
    return { id: batch!.id, batchNo: batch!.batchNo };
  });
}

const periodKey = (p: { grantBatchId: string; categoryId: string; trancheIndex: number }) =>
  `${p.grantBatchId}/${p.categoryId}/${p.trancheIndex}`;

/** A template must name each grantee apart: only known placeholders, {employeeNo} among them. */
function checkReferenceTemplate(template: string) {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0 || !template.includes("{employeeNo}"))
    throw new ApiError("REFERENCE_TEMPLATE_INVALID", "Use {employeeNo} and only {employeeNo}, {name}, {batchNo}.", {
      unknown,
    });
}

/** A tranche period vests once: it may belong to one batch only. */
async function refuseTakenPeriods(
  tx: Transaction,
  periods: { grantBatchId: string; categoryId: string; trancheIndex: number }[],
) {
  const taken = await tx
    .select({
      grantBatchId: vestingBatchPeriods.grantBatchId,
      categoryId: vestingBatchPeriods.categoryId,
      trancheIndex: vestingBatchPeriods.trancheIndex,
      batchNo: vestingBatches.batchNo,
    })
    .from(vestingBatchPeriods)
    .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchPeriods.vestingBatchId))
    .where(
      inArray(
        vestingBatchPeriods.grantBatchId,
        periods.map((p) => p.grantBatchId),
      ),
    );
  const wanted = new Set(periods.map(periodKey));
  const clash = taken.filter((t) => wanted.has(periodKey(t)));
  if (clash.length > 0)
    throw new ApiError("VESTING_BATCH_PERIOD_TAKEN", "A tranche period is already in another vesting batch.", {
      periods: clash,
    });
}
