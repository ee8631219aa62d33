import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { grantBatchVoids, grantBatches, grants, plans, tranches } from "@/db/schema";
import { checkBatchVoid, statusAfterBatchVoid } from "@/lib/domain/vesting/batchVoid";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { appendAudit } from "@/lib/platform/auditTrail";
import { text } from "@/lib/platform/validation/common";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { notifyGrantees } from "@/lib/features/notices/grantNotices";
import { CAP_WRITE_LOCK } from "@/lib/features/plans/capInputs";
import type { Actor } from "@/lib/auth/actor";

/** Body of POST /api/v1/grant-batches/{batchId}/void: why the batch is voided (required, kept with the record). */
export const voidBatchBody = z.object({ reason: text().min(1).max(1000).describe("Why the batch was a mistake.") });
export type VoidBatchInput = z.infer<typeof voidBatchBody>;

/** A recorded void, as the API answers it. */
export interface BatchVoidRecord {
  id: string;
  batchId: string;
  planId: string;
  batch: "first" | "reserved";
  reason: string;
  voidedBy: string | null;
  voidedAt: string;
  /** The plan's status after the void (a voided first grant returns it to approved_by_general_meeting). */
  planStatus: string;
  grants: number;
  quantity: number;
}

/**
 * Voids a grant batch recorded by mistake, in one transaction: refused once any tranche of it vested
 * (BATCH_HAS_VESTED_TRANCHES) or when already voided (BATCH_ALREADY_VOIDED). The grants and the batch
 * stay as recorded; the void is a row of its own, and the derivation lapses every tranche as "voided",
 * so the caps, the reserve and the registers no longer count the batch. A voided first grant returns a
 * granted plan to approved_by_general_meeting (statusAfterBatchVoid) so the first grant can be made again.
 */
export async function voidGrantBatch(
  db: Database,
  actor: Actor,
  batchId: string,
  input: VoidBatchInput,
): Promise<BatchVoidRecord> {
  return db.transaction(async (tx) => {
    // The caps' lock first, as every grant takes it (a grant reading the totals must see the void or wait),
    // then the plan row, as vesting runs and their reversals take it (a run must not vest the batch meanwhile).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${CAP_WRITE_LOCK})`);
    const [found] = await tx.select({ batch: grantBatches }).from(grantBatches).where(eq(grantBatches.id, batchId));
    if (!found) throw notFound("Grant batch");
    const batch = found.batch;
    const [plan] = await tx
      .select({ status: plans.status })
      .from(plans)
      .where(eq(plans.id, batch.planId))
      .for("update");
    const [already] = await tx
      .select({ id: grantBatchVoids.id })
      .from(grantBatchVoids)
      .where(eq(grantBatchVoids.batchId, batchId));
    if (already) throw alreadyVoided(batchId, already.id);

    const trancheRows = await tx
      .select({ status: tranches.status, vestedQuantity: tranches.vestedQuantity })
      .from(tranches)
      .innerJoin(grants, eq(grants.id, tranches.grantId))
      .where(eq(grants.batchId, batchId));
    refuseIfAny(checkBatchVoid(trancheRows));
    const grantRows = await tx
      .select({ id: grants.id, quantity: grants.quantity })
      .from(grants)
      .where(eq(grants.batchId, batchId));
    const quantity = grantRows.reduce((s, g) => s + g.quantity, 0);

    const [record] = await tx
      .insert(grantBatchVoids)
      .values({ batchId, reason: input.reason, voidedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!record) throw alreadyVoided(batchId, null);
    const planStatus = statusAfterBatchVoid(batch.batch, plan!.status);
    if (planStatus !== plan!.status)
      await tx.update(plans).set({ status: planStatus, updatedAt: new Date() }).where(eq(plans.id, batch.planId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "grant_batch.void",
      entityType: "grant_batch",
      entityId: batchId,
      ip: actor.ip,
      before: { planStatus: plan!.status, voided: false },
      after: {
        planId: batch.planId,
        batch: batch.batch,
        grantDate: batch.grantDate,
        voidId: record.id,
        reason: input.reason,
        planStatus,
        grants: grantRows.length,
        quantity,
      },
    });
    await rederivePlan(tx, batch.planId);
    await notifyGrantees(
      tx,
      grantRows.map((g) => ({
        grantId: g.id,
        kind: "grant_voided",
        payload: { grantId: g.id, grantDate: batch.grantDate, reason: input.reason },
        dedupeKey: `grant_voided:${g.id}`,
      })),
      "授予已作废 / Your grant was voided",
    );
    return {
      id: record.id,
      batchId,
      planId: batch.planId,
      batch: batch.batch,
      reason: record.reason,
      voidedBy: record.voidedBy,
      voidedAt: record.voidedAt.toISOString(),
      planStatus,
      grants: grantRows.length,
      quantity,
    };
  });
}

function alreadyVoided(batchId: string, voidId: string | null) {
  return new ApiError("BATCH_ALREADY_VOIDED", "This grant batch has already been voided.", { batchId, voidId });
}
