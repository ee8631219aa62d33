import "server-only";
import { z } from "zod";
import { validateCorporateAction } from "@/lib/domain/adjustments/corporateActions";
import { adjustmentPreview, type AdjustmentPreviewItem } from "@/lib/features/corporate-actions/adjustmentPreview";
import { db } from "@/lib/platform/db";
import { listCorporateActions } from "@/lib/features/corporate-actions/commands";
import { corporateActionBody } from "@/lib/features/corporate-actions/schemas";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export type { AdjustmentPreviewItem };

/** Body of POST /api/v1/corporate-actions/preview, defined in schemas.ts. */
export { corporateActionBody };

/** The preview for staff; a broken rule (price below par, missing parameters) is a RuleError answered 422. */
export async function previewCorporateAction(
  body: z.infer<typeof corporateActionBody>,
): Promise<{ type: string; exDate: string; items: AdjustmentPreviewItem[] }> {
  await requireUser(...STAFF_READ_ROLES);
  const action = { type: body.type, exDate: body.exDate, n: body.n, v: body.v, p1: body.p1, p2: body.p2 };
  validateCorporateAction(action);
  return { type: body.type, exDate: body.exDate, items: await adjustmentPreview(await db(), action) };
}

/** The recorded corporate actions as the HR page lists them, newest ex-date first, each with the grants it adjusted. */
export async function corporateActionsOverview() {
  await requireUser(...STAFF_READ_ROLES);
  return listCorporateActions(await db());
}
