import "server-only";
import { db } from "@/lib/platform/db";
import { staffPlan } from "@/lib/features/plans/queries";
import { listParticipantVersions, listVersionDiff, planCategories } from "@/lib/features/participants/listVersions";
import type { ListBatch } from "@/lib/features/participants/rowShape";

/** The HR page of one plan: the plan and its participant list versions; null for a malformed or unknown id. */
export async function planWithParticipantLists(planId: string) {
  const plan = await staffPlan(planId);
  if (!plan) return null;
  const lists = await listParticipantVersions(await db(), planId);
  return { plan, lists };
}

/** Two versions of one batch's list to compare, as the participants page's query asks for them (numbers may be NaN). */
export interface ListDiffRequest {
  batch: ListBatch;
  from: number;
  to: number;
}

/**
 * The participants page of a plan: every list version, the latest per batch, the plan's categories and,
 * when both requested versions exist for the batch, their differences; null for a malformed or unknown id.
 */
export async function participantListsOverview(planId: string, diffOf: ListDiffRequest) {
  const plan = await staffPlan(planId);
  if (!plan) return null;
  const database = await db();
  const { versions, latest } = await listParticipantVersions(database, planId);
  const { batch, from, to } = diffOf;
  const exists = (n: number) => versions.some((v) => v.batch === batch && v.version === n);
  const diff =
    Number.isInteger(from) && Number.isInteger(to) && exists(from) && exists(to)
      ? await listVersionDiff(database, planId, batch, from, to)
      : null;
  const categories = await planCategories(database, planId);
  return { plan, versions, latest, diff, categories };
}
