import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { vestingBatchLines } from "@/db/schema";
import { deferralEndDate } from "@/lib/domain/tax/equityIncomeTax";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { Actor } from "@/lib/auth/actor";
import { lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";
import type { TaxDeferralInput } from "@/lib/features/vesting-batches/schemas";

/**
 * Records that a grantee chose to pay a registered line's tax in instalments (财政部 税务总局公告2024年第2号:
 * up to 36 months from the vesting), or takes the choice back. Only a computed, positive tax can be deferred.
 */
export async function setTaxDeferral(
  db: Database,
  actor: Actor,
  batchId: string,
  lineId: string,
  input: TaxDeferralInput,
) {
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    requireStatus(batch, "registered", "announced");
    const [line] = await tx
      .select()
      .from(vestingBatchLines)
      .where(and(eq(vestingBatchLines.id, lineId), eq(vestingBatchLines.vestingBatchId, batchId)));
    if (!line) throw notFound("Vesting batch line");
    const end = input.deferred ? deferralEndDate(batch.registrationDate) : null;
    if (input.deferred && (end === null || line.taxStatus !== "computed" || Number(line.tax ?? 0) <= 0))
      throw new ApiError("TAX_DEFERRAL_UNAVAILABLE", "Only a computed tax under a deferral policy can be deferred.", {
        taxStatus: line.taxStatus,
        tax: line.tax,
        registrationDate: batch.registrationDate,
      });
    await tx.update(vestingBatchLines).set({ taxDeferralEnd: end }).where(eq(vestingBatchLines.id, lineId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "vesting_batch.tax_deferral",
      entityType: "vesting_batch_line",
      entityId: lineId,
      ip: actor.ip,
      before: { taxDeferralEnd: line.taxDeferralEnd },
      after: { taxDeferralEnd: end },
    });
    return { lineId, taxDeferralEnd: end };
  });
}
