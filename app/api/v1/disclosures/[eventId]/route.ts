import { route } from "@/lib/auth/procedures/route";
import { calendarOperations as api } from "@/lib/features/openapi/operations/calendar";
import { deleteDisclosure, updateDisclosure } from "@/lib/features/disclosures/commands";

export const dynamic = "force-dynamic";

// A malformed event id has always answered 400 here (documented so), not the 404 other ids answer.

/** PATCH /api/v1/disclosures/{eventId}: changes an event (e.g. the actual date of a postponed report); {event, affectedPlans, changedTranches}. */
export const PATCH = route(
  { ...api.updateDisclosure, invalidParams: "badRequest" },
  async ({ db, actor, params, body }) => updateDisclosure(db, actor, params.eventId, body),
);

/** DELETE /api/v1/disclosures/{eventId}: removes an event entered in error; {event, affectedPlans, changedTranches}. */
export const DELETE = route({ ...api.deleteDisclosure, invalidParams: "badRequest" }, async ({ db, actor, params }) =>
  deleteDisclosure(db, actor, params.eventId),
);
