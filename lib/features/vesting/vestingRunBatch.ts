import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grantBatchVoids, grantBatches } from "@/db/schema";
import { ApiError } from "@/lib/platform/errors/apiError";

/** Resolves "first" / "reserved" / a batch id to one batch of the plan; a voided batch is refused (BATCH_VOIDED). */
export async function resolveBatch(db: Database | Transaction, planId: string, batch: string) {
  const all = await db
    .select({ b: grantBatches, voidId: grantBatchVoids.id })
    .from(grantBatches)
    .leftJoin(grantBatchVoids, eq(grantBatchVoids.batchId, grantBatches.id))
    .where(eq(grantBatches.planId, planId))
    .orderBy(asc(grantBatches.grantDate));
  const voided = all.find((r) => r.voidId !== null && r.b.id === batch);
  if (voided) throw new ApiError("BATCH_VOIDED", "This grant batch was voided.", { batchId: batch });
  // "first" and "reserved" name the batches still in force: a voided first grant may have been made again.
  const rows = all.filter((r) => r.voidId === null).map((r) => r.b);
  const found = rows.filter((b) => b.id === batch || b.batch === batch);
  if (found.length === 0) throw new ApiError("NOT_FOUND", "Batch not found.");
  if (found.length > 1)
    throw new ApiError("AMBIGUOUS_BATCH", "The plan has several reserved batches: name one by its id.", {
      batchIds: found.map((b) => b.id),
    });
  return { batch: found[0]!, firstGrantDate: rows.find((b) => b.batch === "first")?.grantDate ?? null };
}
