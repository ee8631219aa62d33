import "server-only";
import { and, eq, lt } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { vestingBatchLines, vestingBatches } from "@/db/schema";
import { compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { Dec } from "@/lib/domain/numeric/decimal";
import { amountDue, paidShares } from "@/lib/domain/payment/amountDue";
import { ApiError } from "@/lib/platform/errors/apiError";
import { today } from "@/lib/platform/clock";
import type { Actor } from "@/lib/auth/actor";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { advanceBatch, lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";
import { paidLines, type PaidLine } from "@/lib/features/vesting-batches/paymentAccounts";
import { notifyBatchGrantees } from "@/lib/features/vesting-batches/paymentNotice";

/** What closing the payment settled for one line. */
export interface SettledLine {
  lineId: string;
  personId: string;
  paidShares: number;
  waivedShares: number;
  refund: string;
}

/**
 * Spreads each grantee's payments over their lines in order (first grant before reserved, earlier tranche
 * first): each line vests the most whole shares the money left covers, the rest is waived; what covers no
 * further share is refunded, on the grantee's last line.
 */
export function settleLines(lines: readonly PaidLine[]): SettledLine[] {
  const left = new Map<string, Dec>();
  for (const l of lines) left.set(l.personId, (left.get(l.personId) ?? new Dec(0)).plus(l.paid));
  const lastOf = new Map(lines.map((l) => [l.personId, l.lineId]));
  return lines.map((l) => {
    const money = Dec.max(left.get(l.personId)!, 0);
    const settled = paidShares(money.toFixed(2), l.adjustedPrice, l.shares);
    const spent = new Dec(amountDue(settled.shares, l.adjustedPrice));
    const rest = money.minus(spent);
    const last = lastOf.get(l.personId) === l.lineId;
    left.set(l.personId, last ? new Dec(0) : rest);
    return {
      lineId: l.lineId,
      personId: l.personId,
      paidShares: settled.shares,
      waivedShares: settled.waived,
      refund: (last ? rest : new Dec(0)).toFixed(2),
    };
  });
}

/**
 * Closes the payment on or after the deadline: only paid shares vest; unpaid ones lapse as waived by the
 * grantee (放弃) when the plan is re-derived in the same transaction; refunds are computed. Grantees are told.
 */
export async function closeBatchPayment(db: Database, actor: Actor | null, batchId: string) {
  return db.transaction((tx) => closeInTransaction(tx, actor, batchId));
}

async function closeInTransaction(tx: Transaction, actor: Actor | null, batchId: string) {
  const batch = await lockBatch(tx, batchId);
  requireStatus(batch, "payment_open");
  const asOf = today();
  if (compareIsoDates(asOf, batch.paymentDeadline) < 0)
    throw new ApiError("PAYMENT_DEADLINE_NOT_REACHED", `The payment closes on or after ${batch.paymentDeadline}.`, {
      deadline: batch.paymentDeadline,
      today: asOf,
    });
  const lines = await paidLines(tx, batchId);
  const settled = settleLines(lines);
  for (const s of settled)
    await tx
      .update(vestingBatchLines)
      .set({ paidShares: s.paidShares, waivedShares: s.waivedShares, refund: s.refund })
      .where(eq(vestingBatchLines.id, s.lineId));
  const totals = settled.reduce(
    (t, s) => ({
      paidShares: t.paidShares + s.paidShares,
      waivedShares: t.waivedShares + s.waivedShares,
      refund: t.refund.plus(s.refund),
    }),
    { paidShares: 0, waivedShares: 0, refund: new Dec(0) },
  );
  await advanceBatch(tx, actor, batch, "payment_closed", "vesting_batch.close_payment", {
    ...totals,
    refund: totals.refund.toFixed(2),
    closedBy: actor === null ? "daily" : "hr",
  });
  await rederivePlan(tx, batch.planId);
  await notifyBatchGrantees(
    tx,
    batchId,
    "payment_closed",
    `归属缴款结束 / Payment closed for vesting batch ${batch.batchNo}`,
    personOutcomes(settled).map(({ personId, ...o }) => ({
      personId,
      payload: { batchNo: batch.batchNo, ...o },
      mailBody: [
        `第${batch.batchNo}批归属缴款已结束：已缴款 ${o.paidShares} 股将归属，未缴款 ${o.waivedShares} 股视为放弃并作废${o.refund !== "0.00" ? `；多缴的 ${o.refund} 元将退还` : ""}。`,
        `Payment for vesting batch ${batch.batchNo} closed: ${o.paidShares} paid shares will vest, ${o.waivedShares} unpaid shares are waived and lapse${o.refund !== "0.00" ? `; ${o.refund} yuan paid in excess will be refunded` : ""}.`,
      ].join("\n"),
    })),
  );
  return { id: batchId, ...totals, refund: totals.refund.toFixed(2) };
}

function personOutcomes(settled: SettledLine[]) {
  const out = new Map<string, { personId: string; paidShares: number; waivedShares: number; refund: string }>();
  for (const s of settled) {
    const o = out.get(s.personId) ?? { personId: s.personId, paidShares: 0, waivedShares: 0, refund: "0.00" };
    o.paidShares += s.paidShares;
    o.waivedShares += s.waivedShares;
    o.refund = new Dec(o.refund).plus(s.refund).toFixed(2);
    out.set(s.personId, o);
  }
  return [...out.values()];
}

/** The daily job: every batch still open after its deadline closes, each in its own transaction. */
export async function closeOverduePayments(db: Database, asOf: string): Promise<number> {
  const due = await db
    .select({ id: vestingBatches.id })
    .from(vestingBatches)
    .where(and(eq(vestingBatches.status, "payment_open"), lt(vestingBatches.paymentDeadline, asOf)));
  for (const b of due) await closeBatchPayment(db, null, b.id);
  return due.length;
}
