import { route } from "@/lib/auth/procedures/route";
import { publicityOperations as api } from "@/lib/features/openapi/operations/publicity";
import { closePublicityPeriod } from "@/lib/features/publicity/commands";

export const dynamic = "force-dynamic";

/** POST /api/v1/publicity-periods/{id}/close {summary}: closes the period after its end date (422 PUBLICITY_NOT_ENDED before). */
export const POST = route(api.closePublicityPeriod, async ({ db, actor, params, body }) =>
  closePublicityPeriod(db, actor, params.periodId, body),
);
