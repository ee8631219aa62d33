import { route } from "@/lib/auth/procedures/route";
import { actionsOperations as api } from "@/lib/features/openapi/operations/actions";
import { compensateCorporateAction } from "@/lib/features/corporate-actions/commands";

export const dynamic = "force-dynamic";

/** POST /api/v1/corporate-actions/{id}/compensate [{description}]: records the action that reverses it (the only undo); an empty body is fine. */
export const POST = route(
  { ...api.compensateCorporateAction, optionalBody: true },
  async ({ db, actor, params, body }) => compensateCorporateAction(db, actor, params.actionId, body.description),
);
