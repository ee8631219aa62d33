import { route } from "@/lib/auth/procedures/route";
import { actionsOperations as api } from "@/lib/features/openapi/operations/actions";
import { recordCorporateAction } from "@/lib/features/corporate-actions/commands";
import { listCorporateActions } from "@/lib/features/corporate-actions/actionList";

export const dynamic = "force-dynamic";

/** GET /api/v1/corporate-actions: {actions: [...row, status, affectedGrants, compensatedBy]}, newest first. */
export const GET = route(api.listCorporateActions, async ({ db }) => ({ actions: await listCorporateActions(db) }));

/** POST /api/v1/corporate-actions: the preview body plus {confirm: true, confirmLargeRatio?, description?}; 201 {action (status scheduled or applied), affected}; 400 CONFIRM_REQUIRED, 422 PRICE_BELOW_PAR, LARGE_RATIO_UNCONFIRMED. */
export const POST = route(api.recordCorporateAction, async ({ db, actor, body }) =>
  recordCorporateAction(db, actor, body),
);
