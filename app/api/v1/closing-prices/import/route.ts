import { route } from "@/lib/auth/procedures/route";
import { taxOperations as api } from "@/lib/features/openapi/operations/tax";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { importClosingPrices } from "@/lib/features/tax/closingPriceCommands";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/closing-prices/import {issuerId?, csv, source?, apply?}: the preview (200), or with apply: true
 * every row written at once (201); a file with refused lines is never half-applied (422).
 */
export const POST = route(api.importClosingPrices, async ({ db, actor, body }) => {
  const apply = body.apply === true;
  const result = await importClosingPrices(db, actor, body.issuerId ?? null, body.csv, { apply, source: body.source });
  return apply ? jsonPrivate(result, 201) : result;
});
