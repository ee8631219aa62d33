import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { participantCategories, participantListEntries, participantListVersions, persons } from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { type ListBatch } from "@/lib/features/participants/rowShape";

/** One person on a list version, as the API shows it. */
export interface ListEntryDto {
  personId: string;
  employeeNo: string;
  name: string;
  position: string;
  nationality: string;
  categoryId: string;
  categoryCode: number;
  quantity: number;
}

/** A list version with its entries. */
export interface ListVersionDto {
  id: string;
  version: number;
  batch: ListBatch;
  createdAt: string;
  sourceFileName: string | null;
  entries: ListEntryDto[];
}

/** Added, removed and changed people between two versions of one batch's list. */
export interface ListDiff {
  batch: ListBatch;
  from: number;
  to: number;
  added: ListEntryDto[];
  removed: ListEntryDto[];
  changed: {
    personId: string;
    employeeNo: string;
    name: string;
    before: { quantity: number; categoryCode: number };
    after: { quantity: number; categoryCode: number };
  }[];
}

/** Every list version of a plan (optionally one batch), oldest first, and the latest version number per batch. */
export async function listParticipantVersions(db: Database, planId: string, batch?: ListBatch) {
  const versions = await db
    .select()
    .from(participantListVersions)
    .where(
      and(eq(participantListVersions.planId, planId), batch ? eq(participantListVersions.batch, batch) : undefined),
    )
    .orderBy(asc(participantListVersions.batch), asc(participantListVersions.version));
  const entries = await entriesOf(
    db,
    versions.map((v) => v.id),
  );
  const dtos: ListVersionDto[] = versions.map((v) => ({
    id: v.id,
    version: v.version,
    batch: v.batch,
    createdAt: v.createdAt.toISOString(),
    sourceFileName: v.sourceFileName,
    entries: entries.get(v.id) ?? [],
  }));
  const latestOf = (b: ListBatch) => dtos.filter((v) => v.batch === b).at(-1)?.version ?? null;
  return { versions: dtos, latest: { first: latestOf("first"), reserved: latestOf("reserved") } };
}

/** Differences between two versions of a plan's list for one batch; 404 when either is missing. */
export async function listVersionDiff(
  db: Database,
  planId: string,
  batch: ListBatch,
  fromVersion: number,
  toVersion: number,
): Promise<ListDiff> {
  const rows = await db
    .select({ id: participantListVersions.id, version: participantListVersions.version })
    .from(participantListVersions)
    .where(
      and(
        eq(participantListVersions.planId, planId),
        eq(participantListVersions.batch, batch),
        inArray(participantListVersions.version, [fromVersion, toVersion]),
      ),
    );
  const fromId = rows.find((r) => r.version === fromVersion)?.id;
  const toId = rows.find((r) => r.version === toVersion)?.id;
  if (!fromId || !toId) throw notFound("List version");
  const entries = await entriesOf(db, [fromId, toId]);
  const before = new Map((entries.get(fromId) ?? []).map((e) => [e.personId, e]));
  const after = new Map((entries.get(toId) ?? []).map((e) => [e.personId, e]));
  const changed: ListDiff["changed"] = [];
  for (const [personId, a] of after) {
    const b = before.get(personId);
    if (b && (b.quantity !== a.quantity || b.categoryCode !== a.categoryCode)) {
      changed.push({
        personId,
        employeeNo: a.employeeNo,
        name: a.name,
        before: { quantity: b.quantity, categoryCode: b.categoryCode },
        after: { quantity: a.quantity, categoryCode: a.categoryCode },
      });
    }
  }
  return {
    batch,
    from: fromVersion,
    to: toVersion,
    added: [...after.values()].filter((e) => !before.has(e.personId)),
    removed: [...before.values()].filter((e) => !after.has(e.personId)),
    changed,
  };
}

/** The latest version of a batch's list, or null. */
export async function latestListVersion(db: Database, planId: string, batch: ListBatch) {
  const [row] = await db
    .select()
    .from(participantListVersions)
    .where(and(eq(participantListVersions.planId, planId), eq(participantListVersions.batch, batch)))
    .orderBy(desc(participantListVersions.version))
    .limit(1);
  return row ?? null;
}

async function entriesOf(db: Database, versionIds: string[]): Promise<Map<string, ListEntryDto[]>> {
  const out = new Map<string, ListEntryDto[]>();
  if (versionIds.length === 0) return out;
  const rows = await db
    .select({
      versionId: participantListEntries.listVersionId,
      e: participantListEntries,
      employeeNo: persons.employeeNo,
      code: participantCategories.code,
    })
    .from(participantListEntries)
    .innerJoin(persons, eq(participantListEntries.personId, persons.id))
    .innerJoin(participantCategories, eq(participantListEntries.categoryId, participantCategories.id))
    .where(inArray(participantListEntries.listVersionId, versionIds))
    .orderBy(asc(persons.employeeNo));
  for (const r of rows) {
    const list = out.get(r.versionId) ?? [];
    list.push({
      personId: r.e.personId,
      employeeNo: r.employeeNo,
      name: r.e.name,
      position: r.e.position,
      nationality: r.e.nationality,
      categoryId: r.e.categoryId,
      categoryCode: r.code,
      quantity: Number(r.e.quantity),
    });
    out.set(r.versionId, list);
  }
  return out;
}

/** 400 unless both diff bounds are given together as positive whole numbers. */
export function diffBounds(from: string | null, to: string | null): { from: number; to: number } | null {
  if (from === null && to === null) return null;
  const f = Number(from);
  const t = Number(to);
  if (!Number.isInteger(f) || !Number.isInteger(t) || f < 1 || t < 1)
    throw new ApiError("BAD_REQUEST", "from and to must both be version numbers.");
  return { from: f, to: t };
}

/** A plan's categories by code, for labelling list entries. */
export async function planCategories(db: Database, planId: string) {
  return db
    .select({
      id: participantCategories.id,
      code: participantCategories.code,
      name: participantCategories.name,
      nameEn: participantCategories.nameEn,
    })
    .from(participantCategories)
    .where(eq(participantCategories.planId, planId))
    .orderBy(asc(participantCategories.code));
}
