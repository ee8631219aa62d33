import { route } from "@/lib/auth/procedures/route";
import { personsOperations as api } from "@/lib/features/openapi/operations/persons";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { listPersons } from "@/lib/features/persons/personDirectory";
import { createPerson } from "@/lib/features/persons/personRecords";

export const dynamic = "force-dynamic";

/** GET /api/v1/persons[?q=&status=&flag=&department=&cursor=&limit=]: one page of people. */
export const GET = route(api.listPersons, async ({ db, query }) => listPersons(db, query));

/** POST /api/v1/persons: adds a person (201). */
export const POST = route(api.createPerson, async ({ db, actor, body }) =>
  jsonPrivate(await createPerson(db, actor, body), 201),
);
