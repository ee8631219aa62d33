import { route } from "@/lib/auth/procedures/route";
import { correctionsOperations as api } from "@/lib/features/openapi/operations/corrections";
import { reverseVestingRun } from "@/lib/features/vesting/vestingRunReversal";

export const dynamic = "force-dynamic";

/** POST /api/v1/vesting-runs/{runId}/reversal {reason}: reverses a vesting run (201 with the reversal). */
export const POST = route(api.reverseVestingRun, async ({ db, actor, params, body }) =>
  reverseVestingRun(db, actor, params.runId, body),
);
