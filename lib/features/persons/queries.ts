import "server-only";
import { db } from "@/lib/platform/db";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { findPersons, holdingsOf, personById } from "@/lib/features/persons/leaverHoldings";
import { departureHistory, listLeavers } from "@/lib/features/persons/departureReads";
import type { ListLeaversQuery } from "@/lib/features/persons/schemas";

/**
 * The HR leavers page: people matching the search text (at most its first 60 characters), and the chosen
 * person with what they hold and their departure records; an empty search finds nobody, a malformed or
 * unknown person id is no person.
 */
export async function leaverLookup(q: string, personId: string | undefined) {
  await requireUser(...STAFF_READ_ROLES);
  const database = await db();
  const hits = q.trim() ? await findPersons(database, q.slice(0, 60)) : [];
  const person = personId ? await personById(database, personId) : null;
  const holdings = person ? await holdingsOf(database, person.id) : [];
  const history = person ? await departureHistory(database, person.id) : null;
  return { hits, person, holdings, history };
}

/** The past leavers the page lists, filtered and a page at a time (same read as GET /api/v1/leavers). */
export async function leaverList(query: ListLeaversQuery) {
  await requireUser(...STAFF_READ_ROLES);
  return listLeavers(await db(), query);
}
