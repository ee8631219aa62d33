import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grantBatches, grants, persons, vestingBatchLines, vestingPayments } from "@/db/schema";
import { Dec } from "@/lib/domain/numeric/decimal";
import type { PaymentLine } from "@/lib/domain/payment/statementMatch";

/** One line of a batch with what was paid on it, in the order payments are applied to a person's lines. */
export interface PaidLine {
  lineId: string;
  personId: string;
  employeeNo: string;
  name: string;
  shares: number;
  adjustedPrice: string;
  amountDue: string;
  reference: string;
  paid: string;
}

/**
 * The batch's lines by employee no., then grant date, then tranche, each with its net recorded payments;
 * only one person's when `personId` is given (a grantee's own page reads no one else's lines).
 */
export async function paidLines(db: Database | Transaction, batchId: string, personId?: string): Promise<PaidLine[]> {
  const paid = db
    .select({
      lineId: vestingPayments.lineId,
      total: sql<string>`sum(${vestingPayments.amount})`.as("total"),
    })
    .from(vestingPayments)
    .where(
      and(
        eq(vestingPayments.vestingBatchId, batchId),
        personId === undefined
          ? undefined
          : inArray(
              vestingPayments.lineId,
              db
                .select({ id: vestingBatchLines.id })
                .from(vestingBatchLines)
                .where(and(eq(vestingBatchLines.vestingBatchId, batchId), eq(vestingBatchLines.personId, personId))),
            ),
      ),
    )
    .groupBy(vestingPayments.lineId)
    .as("paid");
  const rows = await db
    .select({
      lineId: vestingBatchLines.id,
      personId: vestingBatchLines.personId,
      employeeNo: persons.employeeNo,
      name: persons.name,
      shares: vestingBatchLines.shares,
      adjustedPrice: vestingBatchLines.adjustedPrice,
      amountDue: vestingBatchLines.amountDue,
      reference: vestingBatchLines.reference,
      paid: sql<string>`coalesce(${paid.total}, 0)::text`,
    })
    .from(vestingBatchLines)
    .innerJoin(persons, eq(persons.id, vestingBatchLines.personId))
    .innerJoin(grants, eq(grants.id, vestingBatchLines.grantId))
    .innerJoin(grantBatches, eq(grantBatches.id, grants.batchId))
    .leftJoin(paid, eq(paid.lineId, vestingBatchLines.id))
    .where(
      and(
        eq(vestingBatchLines.vestingBatchId, batchId),
        personId === undefined ? undefined : eq(vestingBatchLines.personId, personId),
      ),
    )
    .orderBy(asc(persons.employeeNo), asc(grantBatches.grantDate), asc(vestingBatchLines.trancheIndex));
  return rows.map((r) => ({ ...r, paid: new Dec(r.paid).toFixed(2) }));
}

/** A grantee's lines in a batch taken together: one reference, the sums due and paid, the first line. */
interface PersonTotal {
  personId: string;
  lineId: string;
  employeeNo: string;
  reference: string;
  shares: number;
  due: Dec;
  paid: Dec;
}

/** The lines summed per person, in the order of each person's first line. */
function personTotals(lines: readonly PaidLine[]): PersonTotal[] {
  const byPerson = new Map<string, PersonTotal>();
  for (const l of lines) {
    const t = byPerson.get(l.personId) ?? {
      personId: l.personId,
      lineId: l.lineId,
      employeeNo: l.employeeNo,
      reference: l.reference,
      shares: 0,
      due: new Dec(0),
      paid: new Dec(0),
    };
    t.shares += l.shares;
    t.due = t.due.plus(l.amountDue);
    t.paid = t.paid.plus(l.paid);
    byPerson.set(l.personId, t);
  }
  return [...byPerson.values()];
}

/**
 * What each grantee owes as one payment account: a grantee with several lines (a first and a reserved
 * grant) writes one reference and may pay them in one transfer, so payments are matched per person and
 * recorded on the person's first line; closing the payment spreads them over the lines in order.
 */
export function paymentAccounts(lines: readonly PaidLine[]): PaymentLine[] {
  return personTotals(lines).map((t) => ({
    lineId: t.lineId,
    employeeNo: t.employeeNo,
    reference: t.reference,
    due: t.due.toFixed(2),
    paidSoFar: t.paid.toFixed(2),
  }));
}

/** What one grantee is asked to pay: the sum of their lines, with one reference. */
export interface PaymentDue {
  personId: string;
  shares: number;
  amountDue: string;
  reference: string;
}

/** The payment notice's figures per person (first + reserved grants of one person pay together). */
export function paymentsDue(lines: readonly PaidLine[]): PaymentDue[] {
  return personTotals(lines).map((t) => ({
    personId: t.personId,
    shares: t.shares,
    amountDue: t.due.toFixed(2),
    reference: t.reference,
  }));
}

/** Transaction ids already recorded for the batch. */
export async function recordedTransactionIds(db: Database | Transaction, batchId: string): Promise<string[]> {
  const rows = await db
    .select({ id: vestingPayments.transactionId })
    .from(vestingPayments)
    .where(eq(vestingPayments.vestingBatchId, batchId));
  return rows.flatMap((r) => (r.id === null ? [] : [r.id]));
}
