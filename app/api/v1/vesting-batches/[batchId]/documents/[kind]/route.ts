import { route } from "@/lib/auth/procedures/route";
import { vestingBatchDocumentOperations as api } from "@/lib/features/openapi/operations/vestingBatchDocuments";
import { downloadResponse } from "@/lib/platform/http/downloadResponse";
import { batchDocument, batchDocumentInputFromQuery } from "@/lib/features/vesting-batches/batchDocuments";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";

export const dynamic = "force-dynamic";

/** GET /api/v1/vesting-batches/{batchId}/documents/{kind}?format=&locale=&includeIdNumbers=: a register or announcement draft. */
export const GET = route(api.getVestingBatchDocument, async ({ db, actor, user, params, query }) => {
  // The lapse announcement reads the tranches of the batch's periods: they must not be yesterday's.
  if (params.kind === "announcement-lapse") await ensureDerivedToday(db);
  const file = await batchDocument(db, actor, user, params.batchId, batchDocumentInputFromQuery(params.kind, query));
  return downloadResponse(file);
});
