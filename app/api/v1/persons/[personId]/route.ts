import { route } from "@/lib/auth/procedures/route";
import { personsOperations as api } from "@/lib/features/openapi/operations/persons";
import { notFound } from "@/lib/platform/errors/apiError";
import { personDetail } from "@/lib/features/persons/personDirectory";
import { updatePerson } from "@/lib/features/persons/personRecords";

export const dynamic = "force-dynamic";

/** GET /api/v1/persons/{personId}: one person record, the ID number masked. */
export const GET = route(api.getPerson, async ({ db, params }) => {
  const person = await personDetail(db, params.personId);
  if (!person) throw notFound("Person");
  return person;
});

/** PATCH /api/v1/persons/{personId}: changes the fields sent. */
export const PATCH = route(api.updatePerson, async ({ db, actor, params, body }) =>
  updatePerson(db, actor, params.personId, body),
);
