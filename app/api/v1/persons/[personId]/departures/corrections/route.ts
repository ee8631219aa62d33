import { route } from "@/lib/auth/procedures/route";
import { leaversOperations as api } from "@/lib/features/openapi/operations/leavers";
import { correctDeparture } from "@/lib/features/persons/departures";

export const dynamic = "force-dynamic";

/** POST /api/v1/persons/{personId}/departures/corrections {leaveDate?, reason?, note}: a correcting record (201). */
export const POST = route(api.correctDeparture, async ({ db, actor, params, body }) =>
  correctDeparture(db, actor, params.personId, body),
);
