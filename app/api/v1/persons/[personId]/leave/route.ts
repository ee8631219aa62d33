import { route } from "@/lib/auth/procedures/route";
import { actionsOperations as api } from "@/lib/features/openapi/operations/actions";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { recordLeaver } from "@/lib/features/persons/commands";

export const dynamic = "force-dynamic";

/** POST /api/v1/persons/{personId}/leave {leaveDate}: records a departure (201); the same date again changes nothing (200). */
export const POST = route(api.recordLeaver, async ({ db, actor, params, body }) => {
  const result = await recordLeaver(db, actor, params.personId, body);
  return jsonPrivate(result, result.unchanged ? 200 : 201);
});
