import "server-only";
import type { Database } from "@/db/client";
import { fairValueMeasurements } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { loadExpensePlans, type StoredMeasurement } from "@/lib/features/expense/expenseFacts";
import { termFairValue } from "@/lib/features/expense/expenseModel";
import { fairValueMeasurementBody, type FairValueMeasurementInput } from "@/lib/features/expense/schemas";
import { appendAudit } from "@/lib/platform/auditTrail";
import { ApiError, badRequest, notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";

/**
 * Records a fair-value measurement (POST /api/v1/plans/{planId}/fair-values): the formal one of a grant
 * resolution, on its grant date and price, or the plan draft's projection. Every term the plan's tranches
 * use must be given; the fair value of each is computed here (out-of-range inputs are refused by the
 * model's own rule) and written to the audit trail with the inputs, in the same transaction. A new
 * measurement supersedes the one before for the same batch (or draft); the earlier row stays.
 */
export async function recordFairValueMeasurement(
  db: Database,
  actor: Actor,
  planId: string,
  raw: FairValueMeasurementInput,
): Promise<StoredMeasurement & { fairValues: { months: number; fairValue: string }[] }> {
  if (!isUuid(planId)) throw notFound("Plan");
  const input = fairValueMeasurementBody.parse(raw);
  const [plan] = await loadExpensePlans(db, [planId]);
  if (!plan) throw notFound("Plan");

  const months = input.terms.map((t) => t.months);
  if (new Set(months).size !== months.length) throw badRequest("Each term may be given once.", { months });
  let valuationDate: string;
  let grantPrice: string;
  let categoryIds: string[];
  if (input.kind === "grant") {
    const batch = plan.batches.find((b) => b.id === input.grantBatchId);
    if (!batch) throw new ApiError("FAIR_VALUE_BATCH_OTHER_PLAN", undefined, { grantBatchId: input.grantBatchId });
    valuationDate = batch.grantDate;
    grantPrice = batch.grantPrice;
    categoryIds = plan.categories.map((c) => c.id);
  } else {
    const ids = input.quantities.map((q) => q.categoryId);
    const unknown = ids.filter((id) => !plan.categories.some((c) => c.id === id));
    if (unknown.length > 0 || new Set(ids).size !== ids.length)
      throw new ApiError("FAIR_VALUE_CATEGORY_UNKNOWN", undefined, { categoryIds: unknown });
    const assumed = input.quantities.reduce((s, q) => s + q.quantity, 0);
    if (assumed > plan.totalQuantity)
      throw new ApiError("FAIR_VALUE_QUANTITY_EXCEEDS_PLAN", undefined, { assumed, planTotal: plan.totalQuantity });
    valuationDate = input.valuationDate;
    grantPrice = input.grantPrice;
    categoryIds = input.quantities.filter((q) => q.quantity > 0).map((q) => q.categoryId);
  }
  const needed = [
    ...new Set(
      plan.categories.filter((c) => categoryIds.includes(c.id)).flatMap((c) => c.arrangement.map((a) => a.startMonths)),
    ),
  ].sort((a, b) => a - b);
  const missing = needed.filter((m) => !months.includes(m));
  if (missing.length > 0) throw new ApiError("FAIR_VALUE_TERMS_MISSING", undefined, { missing, needed });

  const prices = { sharePrice: input.sharePrice, grantPrice, dividendYield: input.dividendYield };
  const fairValues = input.terms.map((t) => ({ months: t.months, fairValue: termFairValue(prices, t) }));

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(fairValueMeasurements)
      .values({
        planId,
        grantBatchId: input.kind === "grant" ? input.grantBatchId : null,
        kind: input.kind,
        valuationDate,
        sharePrice: input.sharePrice,
        grantPrice,
        dividendYield: input.dividendYield,
        terms: input.terms,
        quantities: input.kind === "draft_projection" ? input.quantities : null,
        convention: input.convention,
        source: input.source ?? null,
        recordedBy: actor.userId,
      })
      .returning();
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "fair_value.record",
      entityType: "plan",
      entityId: planId,
      ip: actor.ip,
      after: { measurementId: row!.id, ...input, valuationDate, grantPrice, fairValues },
    });
    return {
      id: row!.id,
      planId,
      grantBatchId: row!.grantBatchId,
      kind: row!.kind,
      valuationDate,
      sharePrice: row!.sharePrice,
      grantPrice: row!.grantPrice,
      dividendYield: row!.dividendYield,
      terms: row!.terms,
      quantities: row!.quantities,
      convention: input.convention,
      source: row!.source,
      recordedAt: row!.recordedAt.toISOString(),
      fairValues,
    };
  });
}
