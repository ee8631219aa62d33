import "server-only";
import { db } from "@/lib/platform/db";
import { ApiError } from "@/lib/platform/errors/apiError";
import { staffPlan } from "@/lib/features/plans/queries";
import { listVersionDiff, planCategories } from "@/lib/features/participants/listVersions";
import { listEntriesPage, listVersionSummaries } from "@/lib/features/participants/listEntryPages";
import type { ListEntriesQuery } from "@/lib/features/participants/listEntriesQuery";
import type { ListBatch } from "@/lib/features/participants/rowShape";

/** The HR page of one plan: the plan and its participant list versions (counted, not loaded); null for a malformed or unknown id. */
export async function planWithParticipantLists(planId: string) {
  const plan = await staffPlan(planId);
  if (!plan) return null;
  const lists = await listVersionSummaries(await db(), planId);
  return { plan, lists };
}

/** Two versions of one batch's list to compare, as the participants page's query asks for them (numbers may be NaN). */
export interface ListDiffRequest {
  batch: ListBatch;
  from: number;
  to: number;
}

/**
 * The participants page of a plan: every list version with its counts, the latest per batch, the plan's
 * categories, one page of the entries of the version asked for (the latest of the batch by default; of
 * the reserve when there is no first-grant list) and, when both requested versions exist for the batch,
 * their differences; null for a malformed or unknown id. A version that does not exist or a cursor the
 * list did not hand out (an edited address) shows the latest version's first page rather than an error.
 */
export async function participantListsOverview(planId: string, diffOf: ListDiffRequest, entriesOf: ListEntriesQuery) {
  const plan = await staffPlan(planId);
  if (!plan) return null;
  const database = await db();
  const { versions, latest } = await listVersionSummaries(database, planId);
  const { batch, from, to } = diffOf;
  const exists = (n: number) => versions.some((v) => v.batch === batch && v.version === n);
  const diff =
    Number.isInteger(from) && Number.isInteger(to) && exists(from) && exists(to)
      ? await listVersionDiff(database, planId, batch, from, to)
      : null;
  const categories = await planCategories(database, planId);
  const entryQuery: ListEntriesQuery = {
    ...entriesOf,
    batch: entriesOf.batch ?? (latest.first === null && latest.reserved !== null ? "reserved" : "first"),
  };
  const entries = await listEntriesPage(database, planId, entryQuery).catch((e: unknown) => {
    if (e instanceof ApiError && (e.code === "BAD_REQUEST" || e.code === "NOT_FOUND"))
      return listEntriesPage(database, planId, { ...entryQuery, version: undefined, cursor: undefined });
    throw e;
  });
  return { plan, versions, latest, diff, categories, entries };
}
