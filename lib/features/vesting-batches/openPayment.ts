import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { plans } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { advanceBatch, lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";
import { notifyBatchGrantees, paymentDueNotices } from "@/lib/features/vesting-batches/paymentNotice";
import { paidLines, paymentsDue } from "@/lib/features/vesting-batches/paymentAccounts";

/**
 * Opens the payment (缴款): each grantee is told in a notice and an e-mail what to pay, to which
 * account, with which reference and by when. Payments may be recorded from now until the batch closes.
 */
export async function openBatchPayment(db: Database, actor: Actor, batchId: string) {
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    requireStatus(batch, "conditions_confirmed");
    const [plan] = await tx
      .select({ name: plans.name, nameEn: plans.nameEn })
      .from(plans)
      .where(eq(plans.id, batch.planId));
    const dues = paymentsDue(await paidLines(tx, batchId));
    const notified = await notifyBatchGrantees(
      tx,
      batchId,
      "payment_due",
      `归属缴款通知 / Payment due for vesting batch ${batch.batchNo}`,
      paymentDueNotices(batch, plan!, dues),
    );
    await advanceBatch(tx, actor, batch, "payment_open", "vesting_batch.open_payment", {
      people: dues.length,
      notified,
    });
    return { id: batchId, people: dues.length, notified };
  });
}
