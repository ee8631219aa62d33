import { route } from "@/lib/auth/procedures/route";
import { actionsOperations as api } from "@/lib/features/openapi/operations/actions";
import { previewCorporateAction } from "@/lib/features/corporate-actions/queries";

export const dynamic = "force-dynamic";

/** POST /api/v1/corporate-actions/preview: before/after per affected grant, or 422 with the refusal code. */
export const POST = route(api.previewCorporateAction, async ({ body }) => previewCorporateAction(body));
