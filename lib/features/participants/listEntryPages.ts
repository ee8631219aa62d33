import "server-only";
import { and, asc, desc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { participantCategories, participantListEntries, participantListVersions, persons, plans } from "@/db/schema";
import { badRequest, notFound } from "@/lib/platform/errors/apiError";
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, type Page } from "@/lib/platform/pagination/keysetCursor";
import { containsPattern } from "@/lib/platform/pagination/searchText";
import { isUuid } from "@/lib/platform/validation/common";
import type { ListEntryDto } from "@/lib/features/participants/listVersions";
import type { ListEntriesQuery } from "@/lib/features/participants/listEntriesQuery";
import type { ListBatch } from "@/lib/features/participants/rowShape";

/** A list version without its entries: how many people it lists and how many shares in all. */
export interface ListVersionSummary {
  id: string;
  version: number;
  batch: ListBatch;
  createdAt: string;
  sourceFileName: string | null;
  people: number;
  total: number;
}

/** A page of one version's entries, with the version it is of (null when the batch has no list yet). */
export type ListEntriesPage = Page<ListEntryDto> & { batch: ListBatch; version: number | null };

/**
 * Every list version of a plan, oldest first per batch, with its head count and total counted by the
 * database (a version of 10,000 people is never loaded to be counted), and the latest number per batch.
 */
export async function listVersionSummaries(db: Database, planId: string) {
  const rows = await db
    .select({
      id: participantListVersions.id,
      version: participantListVersions.version,
      batch: participantListVersions.batch,
      createdAt: participantListVersions.createdAt,
      sourceFileName: participantListVersions.sourceFileName,
      people: sql<number>`count(${participantListEntries.id})::int`,
      total: sql<string>`coalesce(sum(${participantListEntries.quantity}), 0)::text`,
    })
    .from(participantListVersions)
    .leftJoin(participantListEntries, eq(participantListEntries.listVersionId, participantListVersions.id))
    .where(eq(participantListVersions.planId, planId))
    .groupBy(participantListVersions.id)
    .orderBy(asc(participantListVersions.batch), asc(participantListVersions.version));
  const versions: ListVersionSummary[] = rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    people: Number(r.people),
    total: Number(r.total),
  }));
  const latestOf = (b: ListBatch) => versions.filter((v) => v.batch === b).at(-1)?.version ?? null;
  return { versions, latest: { first: latestOf("first"), reserved: latestOf("reserved") } };
}

const forged = () => badRequest("The cursor is not one this list handed out; start again without it.");

/**
 * One page of the entries of one version of a batch's list (the latest unless a version is asked for),
 * in employee-number order, searched by employee no. or listed name and filtered by category. The cursor
 * carries the version with the last employee number, so the pages that follow stay on the version the
 * first one showed even if a newer version is applied meanwhile. 404 for an unknown plan or version.
 */
export async function listEntriesPage(db: Database, planId: string, query: ListEntriesQuery): Promise<ListEntriesPage> {
  const batch = query.batch ?? "first";
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  let after: { version: number; employeeNo: string } | null = null;
  if (query.cursor) {
    const [version, employeeNo] = decodeCursor(query.cursor, ["number", "string"] as const);
    if (!Number.isInteger(version) || version < 1) throw forged();
    if (query.version !== undefined && query.version !== version)
      throw badRequest("The cursor belongs to another version of the list; start again without it.");
    after = { version, employeeNo };
  }
  if (!isUuid(planId)) throw notFound("Plan");
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound("Plan");
  const wanted = query.version ?? after?.version;
  const [version] = await db
    .select({ id: participantListVersions.id, version: participantListVersions.version })
    .from(participantListVersions)
    .where(
      and(
        eq(participantListVersions.planId, planId),
        eq(participantListVersions.batch, batch),
        wanted === undefined ? undefined : eq(participantListVersions.version, wanted),
      ),
    )
    .orderBy(desc(participantListVersions.version))
    .limit(1);
  if (!version) {
    if (wanted !== undefined) throw notFound("List version");
    return { items: [], nextCursor: null, batch, version: null };
  }
  const where: SQL[] = [eq(participantListEntries.listVersionId, version.id)];
  const q = query.q?.trim();
  if (q) {
    const like = containsPattern(q);
    where.push(or(ilike(persons.employeeNo, like), ilike(participantListEntries.name, like))!);
  }
  if (query.categoryId) where.push(eq(participantListEntries.categoryId, query.categoryId));
  if (after) where.push(gt(persons.employeeNo, after.employeeNo));
  const rows = await db
    .select({
      personId: participantListEntries.personId,
      employeeNo: persons.employeeNo,
      name: participantListEntries.name,
      position: participantListEntries.position,
      nationality: participantListEntries.nationality,
      categoryId: participantListEntries.categoryId,
      categoryCode: participantCategories.code,
      quantity: participantListEntries.quantity,
    })
    .from(participantListEntries)
    .innerJoin(persons, eq(participantListEntries.personId, persons.id))
    .innerJoin(participantCategories, eq(participantListEntries.categoryId, participantCategories.id))
    .where(and(...where))
    .orderBy(asc(persons.employeeNo))
    .limit(limit + 1);
  const page = pageOf(
    rows.map((r) => ({ ...r, quantity: Number(r.quantity) })),
    limit,
    (r) => [version.version, r.employeeNo],
  );
  return { ...page, batch, version: version.version };
}
