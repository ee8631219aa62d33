import { route } from "@/lib/auth/procedures/route";
import { vestingBatchDocumentOperations as api } from "@/lib/features/openapi/operations/vestingBatchDocuments";
import { getRegistrarLayout, setRegistrarLayout } from "@/lib/features/vesting-batches/registrarLayout";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/registrar-layout: the registrar list's column order. */
export const GET = route(api.getRegistrarLayout, async ({ db, params }) => getRegistrarLayout(db, params.planId));

/** PUT /api/v1/plans/{planId}/registrar-layout {columns}: sets it. */
export const PUT = route(api.setRegistrarLayout, async ({ db, actor, params, body }) =>
  setRegistrarLayout(db, actor, params.planId, body),
);
