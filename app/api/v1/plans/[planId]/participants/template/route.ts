import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { participantListTemplate } from "@/lib/features/participants/listTemplate";
import { downloadResponse } from "@/lib/platform/http/downloadResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/participants/template?format=xlsx|csv: the list template to fill in. */
export const GET = route(api.getParticipantListTemplate, async ({ db, params, query }) =>
  downloadResponse(await participantListTemplate(db, params.planId, query.format)),
);
