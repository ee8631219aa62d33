import "server-only";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { grantBatchVoids, vestingRunReversals } from "@/db/schema";

// The two corrections of issue #21 as query conditions, here at the bottom of the features so that every
// reader of grants and runs (caps, grants, vesting, notices, registers) applies the same test.

/**
 * True for a batch that has not been voided. A voided batch's grants stay (nothing is deleted) but were
 * never awarded: caps, the reserve, "first grant made" and the allocation table leave them out.
 */
export function batchNotVoided(batchId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`not exists (select 1 from ${grantBatchVoids} where ${grantBatchVoids.batchId} = ${batchId})`;
}

/**
 * True for a vesting run that has not been reversed. A reversed run stays as recorded, and its period may
 * be run again: at most one run per (batch, category, tranche) is unreversed, and only that one counts.
 */
export function runNotReversed(runId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`not exists (select 1 from ${vestingRunReversals} where ${vestingRunReversals.vestingRunId} = ${runId})`;
}
