import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { grants, persons, plans } from "@/db/schema";
import { maxIsoDate } from "@/lib/domain/calendar/isoDate";
import { validateCorporateAction } from "@/lib/domain/adjustments/corporateActions";
import { db } from "../db";
import { computePlanDerivation, loadPlanDerivationInputs, type PlanAction } from "../trancheDerivation";
import { decimalString, isoDate } from "../validation/common";
import { requireUser, STAFF_READ_ROLES } from "../session";
import { today as clockToday } from "@/lib/server/clock";

/** Body of POST /api/v1/corporate-actions/preview (and, with confirm, of the recording endpoint). */
export const corporateActionBody = z.object({
  type: z.enum(["capitalisation", "bonus", "split", "rights", "consolidation", "dividend", "dividend_bonus", "issuance"]),
  exDate: isoDate,
  n: decimalString.optional(),
  v: decimalString.optional(),
  p1: decimalString.optional(),
  p2: decimalString.optional(),
});

/** One affected grant: price and quantity just before and after the action. */
export interface AdjustmentPreviewItem {
  grantId: string;
  planId: string;
  employeeNo: string;
  personName: string;
  priceBefore: string;
  priceAfter: string;
  quantityBefore: number;
  quantityAfter: number;
  flags: string[];
}

/**
 * What a corporate action would do to every grant with tranches outstanding on its ex-date, computed by
 * the same engine path that records it; nothing is written. A broken rule (price below par, missing
 * parameters) throws a RuleError, answered 422 with its code.
 */
export async function previewCorporateAction(body: z.infer<typeof corporateActionBody>): Promise<{ type: string; exDate: string; items: AdjustmentPreviewItem[] }> {
  await requireUser(...STAFF_READ_ROLES);
  const action = { type: body.type, exDate: body.exDate, n: body.n, v: body.v, p1: body.p1, p2: body.p2 };
  validateCorporateAction(action);
  const database = await db();
  const asOf = maxIsoDate(clockToday(), body.exDate);
  const planRows = await database.select({ id: plans.id }).from(plans);
  const items: AdjustmentPreviewItem[] = [];
  for (const { id: planId } of planRows) {
    const inputs = await loadPlanDerivationInputs(database, planId);
    const proposed: PlanAction = { id: null, input: action };
    const withAction = [...inputs.actions, proposed].sort((a, b) => (a.input.exDate < b.input.exDate ? -1 : a.input.exDate > b.input.exDate ? 1 : a.id === null ? 1 : b.id === null ? -1 : 0));
    const after = computePlanDerivation(inputs, asOf, withAction);
    for (const [grantId, { derived, applicable }] of after) {
      // The proposed action sorts after a recorded one of the same date and type, so it is the last match.
      const entry = applicable.includes(proposed) ? derived.adjustmentHistory.filter((h) => h.date === action.exDate && h.type === action.type).at(-1) : undefined;
      if (!entry) continue;
      items.push({ grantId, planId, employeeNo: "", personName: "", priceBefore: entry.priceBefore, priceAfter: entry.priceAfter, quantityBefore: entry.quantityBefore, quantityAfter: entry.quantityAfter, flags: entry.flags });
    }
  }
  if (items.length > 0) {
    const names = await database
      .select({ grantId: grants.id, employeeNo: persons.employeeNo, name: persons.name })
      .from(grants)
      .innerJoin(persons, eq(grants.personId, persons.id))
      .where(inArray(grants.id, items.map((i) => i.grantId)));
    const byGrant = new Map(names.map((n) => [n.grantId, n]));
    for (const item of items) {
      item.employeeNo = byGrant.get(item.grantId)?.employeeNo ?? "";
      item.personName = byGrant.get(item.grantId)?.name ?? "";
    }
  }
  items.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : a.planId < b.planId ? -1 : 1));
  return { type: body.type, exDate: body.exDate, items };
}
