import { route } from "@/lib/auth/procedures/route";
import { actionsOperations as api } from "@/lib/features/openapi/operations/actions";
import { listCorporateActions, recordCorporateAction } from "@/lib/features/corporate-actions/commands";

export const dynamic = "force-dynamic";

/** GET /api/v1/corporate-actions: {actions: [...row, affectedGrants, compensatedBy]}, newest first. */
export const GET = route(api.listCorporateActions, async ({ db }) => ({ actions: await listCorporateActions(db) }));

/** POST /api/v1/corporate-actions: the preview body plus {confirm: true, description?}; 201 {action, affected}; 400 CONFIRM_REQUIRED, 422 PRICE_BELOW_PAR. */
export const POST = route(api.recordCorporateAction, async ({ db, actor, body }) =>
  recordCorporateAction(db, actor, body),
);
