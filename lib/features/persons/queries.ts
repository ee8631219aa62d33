import "server-only";
import { db } from "@/lib/platform/db";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { findPersons, holdingsOf, personById } from "@/lib/features/persons/commands";

/**
 * The HR leavers page: people matching the search text (at most its first 60 characters), and the chosen
 * person with what they hold; an empty search finds nobody, a malformed or unknown person id is no person.
 */
export async function leaverLookup(q: string, personId: string | undefined) {
  await requireUser(...STAFF_READ_ROLES);
  const database = await db();
  const hits = q.trim() ? await findPersons(database, q.slice(0, 60)) : [];
  const person = personId ? await personById(database, personId) : null;
  const holdings = person ? await holdingsOf(database, person.id) : [];
  return { hits, person, holdings };
}
