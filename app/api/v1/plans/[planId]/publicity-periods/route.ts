import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { openPublicityPeriod } from "@/lib/features/publicity/commands";
import { listPublicityPeriods } from "@/lib/features/publicity/publicityReads";

export const dynamic = "force-dynamic";

/** POST /api/v1/plans/{planId}/publicity-periods: opens the list's publicity (>= 10 days) -> 201 {id, planId, listVersionId, startDate, endDate, channel, status}. */
export const POST = route(api.openPublicityPeriod, async ({ db, actor, params, body }) =>
  openPublicityPeriod(db, actor, params.planId, body),
);

/** GET /api/v1/plans/{planId}/publicity-periods: the plan's periods with objection counts by status. */
export const GET = route(api.listPlanPublicityPeriods, async ({ db, params }) => ({
  items: await listPublicityPeriods(db, params.planId),
}));
