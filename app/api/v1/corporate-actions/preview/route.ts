import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { corporateActionBody, previewCorporateAction } from "@/lib/server/dal/corporateActionPreview";
import { readJson } from "@/lib/server/requestBody";

export const dynamic = "force-dynamic";

/** POST /api/v1/corporate-actions/preview: before/after per affected grant, or 422 with the refusal code. */
export const POST = apiRoute(async (req: Request) => jsonPrivate(await previewCorporateAction(corporateActionBody.parse(await readJson(req)))));
