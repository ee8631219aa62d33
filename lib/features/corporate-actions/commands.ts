import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { corporateActions, plans } from "@/db/schema";
import { validateCorporateAction, type CorporateActionInput } from "@/lib/domain/adjustments/corporateActions";
import { isRuleError } from "@/lib/domain/errors";
import { checkLargeRatio } from "@/lib/domain/adjustments/ratioEntry";
import { Dec } from "@/lib/domain/numeric/decimal";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { adjustmentPreview, type AdjustmentPreviewItem } from "@/lib/features/corporate-actions/adjustmentPreview";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import type { Actor } from "@/lib/auth/actor";
import { noticeAdjustments } from "@/lib/features/daily/adjustmentNotices";
import { withStatus, type CorporateActionDto } from "@/lib/features/corporate-actions/actionList";
import { issuerOf } from "@/lib/features/plans/issuerOfPlan";
import { refuse, refuseIfAny } from "@/lib/platform/errors/refusal";
import { recordActionBody } from "@/lib/features/corporate-actions/schemas";

type ActionRow = typeof corporateActions.$inferSelect;
/**
 * A recorded action with what it does to each grant: done when the action is applied, expected on the
 * ex-date when it is scheduled (nothing adjusted yet).
 */
export interface RecordedAction {
  action: CorporateActionDto;
  affected: AdjustmentPreviewItem[];
}

/**
 * Records a corporate action after a preview: validated, written, every plan re-derived, audited and
 * grantees told, in one transaction. An ex-date today or earlier is applied at once; a later one is
 * scheduled: recorded now and applied by the daily derivation on the ex-date (lib/features/daily).
 * A conversion or bonus issue with n > 1 needs confirmLargeRatio (n is per share, not per 10 shares).
 */
export async function recordCorporateAction(
  db: Database,
  actor: Actor,
  input: z.infer<typeof recordActionBody>,
): Promise<RecordedAction> {
  if (input.confirm !== true) {
    throw new ApiError(
      "CONFIRM_REQUIRED",
      'Preview the action with POST /api/v1/corporate-actions/preview, then send the same body with "confirm": true to record it.',
      { preview: "/api/v1/corporate-actions/preview" },
    );
  }
  const action: CorporateActionInput = {
    type: input.type,
    exDate: input.exDate,
    n: input.n,
    v: input.v,
    p1: input.p1,
    p2: input.p2,
  };
  // Before anything is written: 4 entered for 每10股转增4股 would multiply quantities by 5.
  refuseIfAny(checkLargeRatio(action, input.confirmLargeRatio === true));
  return asRefusal(() => db.transaction((tx) => recordInTx(tx, actor, action, input.description ?? null, null)));
}

/**
 * Undoes an action by recording its opposite on the same ex-date (the original row stays, as history):
 * a split, conversion or bonus issue of n is reversed by a consolidation of 1/(1+n), a consolidation of
 * n by a split of 1/n − 1. Cash dividends and rights issues cannot be reversed (422 NOT_REVERSIBLE).
 */
export async function compensateCorporateAction(
  db: Database,
  actor: Actor,
  actionId: string,
  description?: string,
): Promise<RecordedAction> {
  return asRefusal(() =>
    db.transaction(async (tx) => {
      const [original] = await tx.select().from(corporateActions).where(eq(corporateActions.id, actionId));
      if (!original) throw notFound("Corporate action");
      const [done] = await tx
        .select({ id: corporateActions.id })
        .from(corporateActions)
        .where(eq(corporateActions.compensatesId, actionId));
      if (done)
        throw new ApiError("ALREADY_COMPENSATED", "This action has already been compensated.", {
          compensatedBy: done.id,
        });
      const reverse = reversalOf(original);
      return recordInTx(
        tx,
        actor,
        reverse,
        description ?? `Compensates ${original.type} of ${original.exDate}`,
        original.id,
      );
    }),
  );
}

/** The action whose effect reverses `a` where the formulas allow; 422 NOT_REVERSIBLE otherwise. */
export function reversalOf(a: Pick<ActionRow, "type" | "exDate" | "n">): CorporateActionInput {
  const n = a.n === null ? null : new Dec(a.n);
  switch (a.type) {
    case "split":
    case "capitalisation":
    case "bonus":
      return { type: "consolidation", exDate: a.exDate, n: decimal8(new Dec(1).div(n!.plus(1))) };
    case "consolidation": {
      const back = decimal8(new Dec(1).div(n!).minus(1));
      if (new Dec(back).lte(0)) break;
      return { type: "split", exDate: a.exDate, n: back };
    }
    case "dividend":
    case "dividend_bonus":
      throw new ApiError(
        "NOT_REVERSIBLE",
        "A cash dividend has been paid to shareholders and cannot be undone; the price reduction stays. Correct an error with a new, separately resolved adjustment instead.",
        { type: a.type },
      );
    case "rights":
      throw new ApiError(
        "NOT_REVERSIBLE",
        "A rights issue has no inverse adjustment: the subscribed shares exist. Correct an error with a new, separately resolved adjustment instead.",
        { type: a.type },
      );
    case "issuance":
      throw new ApiError("NOT_REVERSIBLE", "An additional issuance adjusts nothing, so there is nothing to reverse.", {
        type: a.type,
      });
  }
  throw new ApiError("NOT_REVERSIBLE", "This consolidation has no split that reverses it exactly.", {
    type: a.type,
    n: a.n,
  });
}

async function recordInTx(
  tx: Transaction,
  actor: Actor,
  action: CorporateActionInput,
  description: string | null,
  compensatesId: string | null,
): Promise<RecordedAction> {
  validateCorporateAction(action);
  const issuerId = await issuerOf(tx, null);
  const planIds = (
    await tx.select({ id: plans.id }).from(plans).where(eq(plans.issuerId, issuerId)).orderBy(asc(plans.createdAt))
  ).map((p) => p.id);
  // The preview's computation, before anything is written: a price below par refuses here.
  const affected = await adjustmentPreview(tx, action);
  const [row] = await tx
    .insert(corporateActions)
    .values({
      issuerId,
      type: action.type,
      exDate: action.exDate,
      n: action.n ?? null,
      v: action.v ?? null,
      p1: action.p1 ?? null,
      p2: action.p2 ?? null,
      description,
      compensatesId,
      createdBy: actor.userId,
    })
    .returning();
  // Writes adjustment_records for actions whose ex-date has come; a future one stays scheduled until the
  // daily job derives the plans on its ex-date.
  for (const planId of planIds) await rederivePlan(tx, planId);
  const [saved] = await withStatus(tx, [row!]);
  await appendAudit(tx, {
    actorUserId: actor.userId,
    action: compensatesId ? "corporate_action.compensate" : "corporate_action.record",
    entityType: "corporate_action",
    entityId: saved!.id,
    before: null,
    after: {
      action: saved,
      // "scheduled": the daily job writes a corporate_action.apply row when it applies the action.
      status: saved!.status,
      affectedGrants: affected.map(({ grantId, priceBefore, priceAfter, quantityBefore, quantityAfter }) => ({
        grantId,
        priceBefore,
        priceAfter,
        quantityBefore,
        quantityAfter,
      })),
    },
    ip: actor.ip,
  });
  await noticeAdjustments(tx, saved!, saved!.status, affected);
  return { action: saved!, affected };
}

/** Domain refusals (PRICE_BELOW_PAR, INVALID_ADJUSTMENT) as 422 ApiErrors, so forms show them like any refusal. */
async function asRefusal<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isRuleError(e)) refuse([e.toViolation()]);
    throw e;
  }
}

function decimal8(d: Dec): string {
  return d
    .toDecimalPlaces(8)
    .toFixed()
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}
