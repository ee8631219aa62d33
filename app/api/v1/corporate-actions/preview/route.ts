import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { corporateActionBody, previewCorporateAction } from "@/lib/server/dal/corporateActionPreview";
import { readJson } from "@/lib/server/requestBody";

import { requireUser, STAFF_READ_ROLES } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** POST /api/v1/corporate-actions/preview: before/after per affected grant, or 422 with the refusal code. */
export const POST = apiRoute(async (req: Request) => {
  await requireUser(...STAFF_READ_ROLES);
  return jsonPrivate(await previewCorporateAction(corporateActionBody.parse(await readJson(req))));
});
