import "server-only";
import { and, asc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grantBatches, grants, persons, tranches } from "@/db/schema";
import { isIsoDate } from "@/lib/domain/calendar/isoDate";
import { badRequest } from "@/lib/platform/errors/apiError";
import { decodeCursor, MAX_PAGE_SIZE, pageOf, type Page } from "@/lib/platform/pagination/keysetCursor";
import { containsPattern } from "@/lib/platform/pagination/searchText";
import { isUuid } from "@/lib/platform/validation/common";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";
import { loadGrants, type GrantDto } from "@/lib/features/grants/readModel/grantReads";
import type { PlanGrantStatus, PlanGrantsQuery } from "@/lib/features/grants/planGrantListQuery";

/** The condition of one status filter (see PLAN_GRANT_STATUSES for what each means). */
function statusCondition(status: PlanGrantStatus): SQL {
  if (status === "unaccepted") return and(isNull(grants.acceptedAt), batchNotVoided(grants.batchId))!;
  if (status === "accepted") return isNotNull(grants.acceptedAt);
  return sql`exists (select 1 from ${tranches} where ${tranches.grantId} = ${grants.id} and ${tranches.status} = ${status})`;
}

/** The (grant date, employee no., grant id) a cursor carries, each checked so that a forged one is a 400, not a SQL error. */
function cursorKey(cursor: string): [string, string, string] {
  const [grantDate, employeeNo, id] = decodeCursor(cursor, ["string", "string", "string"] as const);
  if (!isIsoDate(grantDate) || !isUuid(id))
    throw badRequest("The cursor is not one this list handed out; start again without it.");
  return [grantDate, employeeNo, id];
}

/**
 * One page of a plan's grants (of one holder when personId is given) in (grant date, employee no., id)
 * order, filtered. The keys of the page are read first over the plan's rows alone, then the DTOs of just
 * those grants: PostgreSQL builds the grant JSON (with tranches and adjustments) for at most one page,
 * not for every grant the sort passes over. Without a limit the page holds MAX_PAGE_SIZE grants.
 */
export async function planGrantsPage(
  db: Database,
  planId: string,
  query: PlanGrantsQuery,
  personId?: string,
): Promise<Page<GrantDto>> {
  const limit = query.limit ?? MAX_PAGE_SIZE;
  const where: SQL[] = [eq(grants.planId, planId)];
  if (personId) where.push(eq(grants.personId, personId));
  const q = query.q?.trim();
  if (q) {
    const like = containsPattern(q);
    where.push(or(ilike(persons.employeeNo, like), ilike(persons.name, like), ilike(persons.namePinyin, like))!);
  }
  if (query.batch) where.push(eq(grantBatches.batch, query.batch));
  if (query.categoryId) where.push(eq(grants.categoryId, query.categoryId));
  if (query.status) where.push(statusCondition(query.status));
  if (query.cursor) {
    const [grantDate, employeeNo, id] = cursorKey(query.cursor);
    where.push(
      sql`(${grantBatches.grantDate}, ${persons.employeeNo}, ${grants.id}) > (${grantDate}::date, ${employeeNo}, ${id}::uuid)`,
    );
  }
  const keys = await db
    .select({ id: grants.id, grantDate: grantBatches.grantDate, employeeNo: persons.employeeNo })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .innerJoin(persons, eq(grants.personId, persons.id))
    .where(and(...where))
    .orderBy(asc(grantBatches.grantDate), asc(persons.employeeNo), asc(grants.id))
    .limit(limit + 1);
  const page = pageOf(keys, limit, (k) => [k.grantDate, k.employeeNo, k.id]);
  if (page.items.length === 0) return { items: [], nextCursor: null };
  const byId = new Map(
    (
      await loadGrants(
        db,
        inArray(
          grants.id,
          page.items.map((k) => k.id),
        ),
      )
    ).map((g) => [g.id, g]),
  );
  return { items: page.items.map((k) => byId.get(k.id)!), nextCursor: page.nextCursor };
}

/** Whether the person holds any grant in the plan (an employee may list a plan's grants only then). */
export async function holdsGrantIn(db: Database, planId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: grants.id })
    .from(grants)
    .where(and(eq(grants.planId, planId), eq(grants.personId, personId)))
    .limit(1);
  return row !== undefined;
}

/** How many of the plan's grants wait for their holder's confirmation (as status=unaccepted lists them). */
export async function unacceptedCount(db: Database, planId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(grants)
    .where(and(eq(grants.planId, planId), statusCondition("unaccepted")));
  return Number(row?.n ?? 0);
}
