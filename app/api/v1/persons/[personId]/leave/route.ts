import { route } from "@/lib/auth/procedures/route";
import { leaversOperations as api } from "@/lib/features/openapi/operations/leavers";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { recordLeaver } from "@/lib/features/persons/departures";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/persons/{personId}/leave {leaveDate, reason, note?}: records a departure (201); the same
 * date and reason again change nothing (200); another one is corrected, not recorded again (409).
 */
export const POST = route(api.recordLeaver, async ({ db, actor, params, body }) => {
  const result = await recordLeaver(db, actor, params.personId, body);
  return jsonPrivate(result, result.unchanged ? 200 : 201);
});
