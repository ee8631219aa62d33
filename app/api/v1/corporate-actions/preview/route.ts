import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { corporateActionBody, previewCorporateAction } from "@/lib/features/corporate-actions/queries";
import { readJson } from "@/lib/platform/http/requestBody";

import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** POST /api/v1/corporate-actions/preview: before/after per affected grant, or 422 with the refusal code. */
export const POST = apiRoute(async (req: Request) => {
  await requireUser(...STAFF_READ_ROLES);
  return jsonPrivate(await previewCorporateAction(corporateActionBody.parse(await readJson(req))));
});
