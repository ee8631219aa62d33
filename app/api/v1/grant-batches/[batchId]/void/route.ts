import { route } from "@/lib/auth/procedures/route";
import { correctionsOperations as api } from "@/lib/features/openapi/operations/corrections";
import { voidGrantBatch } from "@/lib/features/grants/batchVoid";

export const dynamic = "force-dynamic";

/** POST /api/v1/grant-batches/{batchId}/void {reason}: voids a batch recorded by mistake (201 with the record). */
export const POST = route(api.voidGrantBatch, async ({ db, actor, params, body }) =>
  voidGrantBatch(db, actor, params.batchId, body),
);
