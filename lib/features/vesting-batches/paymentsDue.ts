import "server-only";
import { eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { persons, plans, vestingBatchLines, vestingBatches, vestingPayments } from "@/db/schema";
import { scalarSubquery } from "@/lib/platform/scalarSubquery";

/** A batch whose payment is open, as the grantee's home card shows it. */
export interface PaymentDue {
  batchId: string;
  batchNo: number;
  planName: string;
  planNameEn: string;
  paymentDeadline: string;
  shares: number;
  amountDue: string;
  paid: string;
  /** amountDue − paid, at least 0. */
  outstanding: string;
}

/**
 * The person's batches in payment_open, earliest deadline first, as one JSON value: it rides on the home
 * page's session statement (granteeHomeRead), so a vesting day's many home pages cost no extra
 * round trip; it reads the person's own lines (by index) and their payments only.
 */
export function paymentsDueJson(personId: SQLWrapper): SQL<PaymentDue[]> {
  const l = vestingBatchLines;
  const b = vestingBatches;
  return scalarSubquery<PaymentDue[]>(sql`select coalesce(json_agg(json_build_object(
      'batchId', d.id, 'batchNo', d.batch_no, 'planName', d.name, 'planNameEn', d.name_en,
      'paymentDeadline', d.deadline, 'shares', d.shares, 'amountDue', d.due::text, 'paid', d.paid::text,
      'outstanding', greatest(d.due - d.paid, 0)::numeric(16, 2)::text) order by d.deadline, d.batch_no), '[]'::json)
    from (
      select ${b.id} as id, ${b.batchNo} as batch_no, ${plans.name} as name, ${plans.nameEn} as name_en,
        ${b.paymentDeadline}::text as deadline, sum(${l.shares})::int as shares,
        sum(${l.amountDue})::numeric(16, 2) as due, coalesce(sum(pay.total), 0)::numeric(16, 2) as paid
      from ${l}
      join ${b} on ${b.id} = ${l.vestingBatchId}
      join ${plans} on ${plans.id} = ${b.planId}
      left join lateral (select sum(${vestingPayments.amount}) as total from ${vestingPayments}
        where ${vestingPayments.lineId} = ${l.id}) pay on true
      where ${l.personId} = ${personId} and ${b.status} = 'payment_open'
      group by ${b.id}, ${plans.id}) d`);
}

/** The same value read on its own (tests, and pages that have no session statement to ride on). */
export async function paymentsDueOf(db: Database | Transaction, personId: string): Promise<PaymentDue[]> {
  const [row] = await db
    .select({ value: paymentsDueJson(persons.id) })
    .from(persons)
    .where(eq(persons.id, personId));
  return row?.value ?? [];
}
