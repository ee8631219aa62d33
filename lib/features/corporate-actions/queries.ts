import "server-only";
import { z } from "zod";
import { validateCorporateAction } from "@/lib/domain/adjustments/corporateActions";
import { corporateActionStatus, type CorporateActionStatus } from "@/lib/domain/adjustments/actionStatus";
import { adjustmentPreview, type AdjustmentPreviewItem } from "@/lib/features/corporate-actions/adjustmentPreview";
import { db } from "@/lib/platform/db";
import { today } from "@/lib/platform/clock";
import { listCorporateActions } from "@/lib/features/corporate-actions/actionList";
import { corporateActionBody } from "@/lib/features/corporate-actions/schemas";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export type { AdjustmentPreviewItem };

/** Body of POST /api/v1/corporate-actions/preview, defined in schemas.ts. */
export { corporateActionBody };

/**
 * The preview for staff; a broken rule (price below par, missing parameters) is a RuleError answered 422.
 * `status` says what recording it would do: "applied" at once (ex-date today or earlier) or "scheduled"
 * for the ex-date, the items then being what the ex-date will bring.
 */
export async function previewCorporateAction(body: z.infer<typeof corporateActionBody>): Promise<{
  type: string;
  exDate: string;
  status: CorporateActionStatus;
  items: AdjustmentPreviewItem[];
}> {
  await requireUser(...STAFF_READ_ROLES);
  const action = { type: body.type, exDate: body.exDate, n: body.n, v: body.v, p1: body.p1, p2: body.p2 };
  validateCorporateAction(action);
  const items = await adjustmentPreview(await db(), action);
  return { type: body.type, exDate: body.exDate, status: corporateActionStatus(body.exDate, today()), items };
}

/** The recorded corporate actions as the HR page lists them, newest ex-date first, each with its status and the grants it adjusted. */
export async function corporateActionsOverview() {
  await requireUser(...STAFF_READ_ROLES);
  return listCorporateActions(await db());
}
