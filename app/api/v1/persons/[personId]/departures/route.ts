import { route } from "@/lib/auth/procedures/route";
import { leaversOperations as api } from "@/lib/features/openapi/operations/leavers";
import { notFound } from "@/lib/platform/errors/apiError";
import { departureHistory } from "@/lib/features/persons/departureReads";

export const dynamic = "force-dynamic";

/** GET /api/v1/persons/{personId}/departures: the person's departure records and the one in force. */
export const GET = route(api.listPersonDepartures, async ({ db, params }) => {
  const history = await departureHistory(db, params.personId);
  if (!history) throw notFound("Person");
  return history;
});
