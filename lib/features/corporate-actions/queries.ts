import "server-only";
import { z } from "zod";
import { validateCorporateAction } from "@/lib/domain/adjustments/corporateActions";
import { adjustmentPreview, type AdjustmentPreviewItem } from "@/lib/features/corporate-actions/adjustmentPreview";
import { db } from "@/lib/platform/db";
import { decimalString, isoDate } from "@/lib/platform/validation/common";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export type { AdjustmentPreviewItem };

// corporate_actions stores n, v, p1 and p2 as numeric(18,8): a value of 10^10 or more would fail the
// insert (found by fuzzing, answered 500), so it is refused here with the field named.
const actionParameter = decimalString.refine((v) => /^\d{1,10}(\.\d+)?$/.test(v), { message: "Expected at most 10 digits before the decimal point." });

/** Body of POST /api/v1/corporate-actions/preview (and, with confirm, of the recording endpoint). */
export const corporateActionBody = z.object({
  type: z.enum(["capitalisation", "bonus", "split", "rights", "consolidation", "dividend", "dividend_bonus", "issuance"]),
  exDate: isoDate,
  n: actionParameter.optional(),
  v: actionParameter.optional(),
  p1: actionParameter.optional(),
  p2: actionParameter.optional(),
});

/** The preview for staff; a broken rule (price below par, missing parameters) is a RuleError answered 422. */
export async function previewCorporateAction(body: z.infer<typeof corporateActionBody>): Promise<{ type: string; exDate: string; items: AdjustmentPreviewItem[] }> {
  await requireUser(...STAFF_READ_ROLES);
  const action = { type: body.type, exDate: body.exDate, n: body.n, v: body.v, p1: body.p1, p2: body.p2 };
  validateCorporateAction(action);
  return { type: body.type, exDate: body.exDate, items: await adjustmentPreview(await db(), action) };
}
