import { route } from "@/lib/auth/procedures/route";
import { leaversOperations as api } from "@/lib/features/openapi/operations/leavers";
import { withdrawDeparture } from "@/lib/features/persons/departures";

export const dynamic = "force-dynamic";

/** POST /api/v1/persons/{personId}/departures/withdrawal {note}: the person did not leave after all (201). */
export const POST = route(api.withdrawDeparture, async ({ db, actor, params, body }) =>
  withdrawDeparture(db, actor, params.personId, body),
);
