import "server-only";
import { db } from "@/lib/platform/db";
import { isUuid } from "@/lib/platform/validation/common";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { listVestingRuns } from "@/lib/features/vesting/vestingRunReads";
import { runOptions } from "@/lib/features/vesting/vestingRunOptions";

/** The HR vesting page of one plan: what the run form offers and the runs recorded so far; null for a malformed or unknown id. */
export async function vestingRunsOverview(planId: string) {
  await requireUser(...STAFF_READ_ROLES);
  if (!isUuid(planId)) return null;
  const database = await db();
  const options = await runOptions(database, planId);
  if (!options) return null;
  const runs = await listVestingRuns(database, planId);
  return { options, runs };
}
