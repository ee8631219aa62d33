import { route } from "@/lib/auth/procedures/route";
import { calendarOperations as api } from "@/lib/features/openapi/operations/calendar";
import { createDisclosure, listDisclosures } from "@/lib/features/disclosures/commands";

export const dynamic = "force-dynamic";

/** GET /api/v1/disclosures?from=&to=&planId=: events with their derived blackout window per plan (staff read roles). */
export const GET = route(api.listDisclosures, async ({ db, query }) => listDisclosures(db, query));

/** POST /api/v1/disclosures: adds an event; 201 {event, affectedPlans, changedTranches}, 422 INVALID_EVENT. */
export const POST = route(api.createDisclosure, async ({ db, actor, body }) => createDisclosure(db, actor, body));
