import "server-only";
import type { Database } from "@/db/client";
import { vestingPayments } from "@/db/schema";
import { violation, type RuleViolation } from "@/lib/domain/errors";
import { compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { Dec } from "@/lib/domain/numeric/decimal";
import { matchStatement } from "@/lib/domain/payment/statementMatch";
import { ApiError } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { today } from "@/lib/platform/clock";
import type { Actor } from "@/lib/auth/actor";
import { lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";
import { paidLines, paymentAccounts, recordedTransactionIds } from "@/lib/features/vesting-batches/paymentAccounts";
import type { RecordPaymentInput } from "@/lib/features/vesting-batches/schemas";

/**
 * Records one payment HR received (or, with a negative amount, corrects an earlier one: payments are
 * append-only). The same rules as a statement row: no later than the deadline nor today, a transaction
 * id once per batch, never more than the amount due in total, never less than nothing.
 */
export async function recordBatchPayment(db: Database, actor: Actor, batchId: string, input: RecordPaymentInput) {
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    requireStatus(batch, "payment_open");
    const accounts = paymentAccounts(await paidLines(tx, batchId));
    const account = accounts.find((a) => a.employeeNo === input.employeeNo);
    if (!account)
      throw new ApiError("PAYMENT_NOT_FOUND_LINE", "This person has no line in the vesting batch.", {
        employeeNo: input.employeeNo,
      });
    const amount = new Dec(input.amount);
    const violations: RuleViolation[] = [];
    if (compareIsoDates(input.paidOn, today()) > 0)
      violations.push(violation("PAYMENT_IN_FUTURE", { date: input.paidOn, today: today() }));
    if (amount.lt(0)) {
      const total = new Dec(account.paidSoFar).plus(amount);
      if (total.lt(0))
        violations.push(violation("PAYMENT_NEGATIVE_TOTAL", { employeeNo: input.employeeNo, total: total.toFixed(2) }));
    } else {
      // A positive payment is a one-row statement: the same duplicate, deadline and over-payment checks.
      const result = matchStatement(
        [
          {
            line: 1,
            reference: null,
            employeeNo: input.employeeNo,
            amount: amount.toFixed(2),
            date: input.paidOn,
            transactionId: input.transactionId ?? null,
          },
        ],
        [account],
        { deadline: batch.paymentDeadline, recordedTransactionIds: await recordedTransactionIds(tx, batchId) },
      );
      violations.push(...result.errors.map(({ line: _line, ...v }) => v));
    }
    refuseIfAny(violations);
    const [payment] = await tx
      .insert(vestingPayments)
      .values({
        lineId: account.lineId,
        vestingBatchId: batchId,
        amount: amount.toFixed(2),
        paidOn: input.paidOn,
        transactionId: input.transactionId ?? null,
        source: "manual",
        recordedBy: actor.userId,
      })
      .returning({ id: vestingPayments.id });
    const paidTotal = new Dec(account.paidSoFar).plus(amount).toFixed(2);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: amount.lt(0) ? "vesting_payment.correct" : "vesting_payment.record",
      entityType: "vesting_batch",
      entityId: batchId,
      ip: actor.ip,
      before: { employeeNo: input.employeeNo, paid: account.paidSoFar },
      after: { ...input, amount: amount.toFixed(2), paymentId: payment!.id, paid: paidTotal },
    });
    return { id: payment!.id, employeeNo: input.employeeNo, paid: paidTotal, due: account.due };
  });
}
