import "server-only";
import { db } from "@/lib/platform/db";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { listPersons, personDepartments, personDetail } from "@/lib/features/persons/personDirectory";
import type { ListPersonsQuery } from "@/lib/features/persons/personSchemas";

/** The HR people page: one page of people and the departments for the filter. */
export async function peoplePage(query: ListPersonsQuery) {
  await requireUser(...STAFF_READ_ROLES);
  const database = await db();
  const [page, departments] = await Promise.all([listPersons(database, query), personDepartments(database)]);
  return { ...page, departments };
}

/** One person for the edit page, or null. */
export async function personForEdit(personId: string) {
  await requireUser(...STAFF_READ_ROLES);
  return personDetail(await db(), personId);
}
