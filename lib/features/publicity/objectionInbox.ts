import "server-only";
import { escapeLike } from "@/lib/platform/pagination/searchText";
import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { objections, persons, publicityPeriods, users } from "@/db/schema";
import { badRequest, notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, type Page } from "@/lib/platform/pagination/keysetCursor";
import type { ObjectionInboxQuery } from "@/lib/features/publicity/schemas";

/** One objection in a period's inbox, WITH the filer: for staff only, never shown to other employees. */
export interface InboxObjection {
  id: string;
  receiptNo: string;
  text: string;
  status: "open" | "answered" | "upheld";
  response: string | null;
  answeredAt: string | null;
  createdAt: string;
  filerName: string;
  filerEmail: string;
  filerEmployeeNo: string | null;
}

/**
 * The instant as the cursor carries it, to the microsecond in UTC: a JavaScript Date keeps only
 * milliseconds, and a key cut short would bring the last row of a page back on the next one.
 */
const createdAtKey = sql<string>`to_char(${objections.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const KEY_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The objection inbox of a period, oldest first, a page at a time: by status, and by text in the receipt
 * no., the objection or the filer (name, e-mail, employee no.). Keyset on (created_at, id), so later
 * pages cost what the first does. 404 when the period is unknown, 400 for a cursor not made here.
 */
export async function listObjections(
  db: Database,
  periodId: string,
  query: ObjectionInboxQuery = {},
): Promise<Page<InboxObjection>> {
  if (!isUuid(periodId)) throw notFound("Publicity period");
  const [period] = await db
    .select({ id: publicityPeriods.id })
    .from(publicityPeriods)
    .where(eq(publicityPeriods.id, periodId));
  if (!period) throw notFound("Publicity period");
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const where: SQL[] = [eq(objections.publicityPeriodId, periodId)];
  if (query.status) where.push(eq(objections.status, query.status));
  const q = query.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where.push(
      or(
        ilike(objections.receiptNo, like),
        ilike(objections.text, like),
        ilike(users.displayName, like),
        ilike(users.email, like),
        ilike(persons.employeeNo, like),
        ilike(persons.name, like),
      )!,
    );
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ["string", "string"] as const);
    if (!KEY_INSTANT.test(at) || Number.isNaN(Date.parse(at)) || !isUuid(id))
      throw badRequest("The cursor is not one this list handed out; start again without it.");
    where.push(sql`(${objections.createdAt}, ${objections.id}) > (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select({
      id: objections.id,
      receiptNo: objections.receiptNo,
      text: objections.text,
      status: objections.status,
      response: objections.response,
      answeredAt: objections.answeredAt,
      createdAt: objections.createdAt,
      createdAtKey,
      filerName: users.displayName,
      filerEmail: users.email,
      filerEmployeeNo: persons.employeeNo,
    })
    .from(objections)
    .innerJoin(users, eq(users.id, objections.filedByUserId))
    .leftJoin(persons, eq(persons.id, users.personId))
    .where(and(...where))
    .orderBy(asc(objections.createdAt), asc(objections.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => [r.createdAtKey, r.id]);
  return {
    items: page.items.map(({ createdAtKey: _key, ...r }) => ({
      ...r,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
