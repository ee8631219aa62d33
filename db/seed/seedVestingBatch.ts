import { and, asc, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import * as s from "../schema";
import { addDays, compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { runShares } from "@/lib/features/vesting/runShares";
import { vestingLines } from "@/lib/features/vesting-batches/confirmConditions";
import { paidLines, paymentsDue } from "@/lib/features/vesting-batches/paymentAccounts";
import { paymentDueNotices } from "@/lib/features/vesting-batches/paymentNotice";
import { demoGrade } from "./demoCompany";

const REFERENCE_TEMPLATE = "VD{batchNo}-{employeeNo}";

/**
 * The current plan's reserved tranche 1 as a vesting batch whose payment is open (the demo grantee's):
 * its run recorded on the tranche's earliest vesting day (the registration date), the list fixed, the
 * payment window from three days ago to three days before registration, and the notice of what to pay.
 * Skipped when the earliest day is not known (beyond the published SSE calendar) or too close to today.
 */
export async function seedVestingBatch(tx: Transaction, planId: string, asOf: string): Promise<void> {
  const [plan] = await tx
    .select({ name: s.plans.name, nameEn: s.plans.nameEn })
    .from(s.plans)
    .where(eq(s.plans.id, planId));
  const [reserved] = await tx
    .select({ id: s.grantBatches.id })
    .from(s.grantBatches)
    .where(and(eq(s.grantBatches.planId, planId), eq(s.grantBatches.batch, "reserved")));
  const grantRows = await tx
    .select({
      grantId: s.grants.id,
      categoryId: s.grants.categoryId,
      employeeNo: s.persons.employeeNo,
      earliest: s.tranches.earliestVestingDate,
    })
    .from(s.grants)
    .innerJoin(s.persons, eq(s.persons.id, s.grants.personId))
    .innerJoin(s.tranches, and(eq(s.tranches.grantId, s.grants.id), eq(s.tranches.trancheIndex, 1)))
    .where(eq(s.grants.batchId, reserved!.id))
    .orderBy(asc(s.persons.employeeNo));
  const registrationDate = grantRows[0]?.earliest ?? null;
  if (registrationDate === null || compareIsoDates(registrationDate, addDays(asOf, 7)) < 0) return;
  const categoryId = grantRows[0]!.categoryId;
  const grades = new Map(grantRows.map((g) => [g.grantId, demoGrade(Number(g.employeeNo.slice(1)), 1)]));

  await tx.insert(s.companyAppraisals).values({
    batchId: reserved!.id,
    categoryId,
    trancheIndex: 1,
    fiscalYear: Number(asOf.slice(0, 4)) - 1,
    companyRatio: "1.0000",
  });
  const [run] = await tx
    .insert(s.vestingRuns)
    .values({ batchId: reserved!.id, categoryId, trancheIndex: 1, vestingDate: registrationDate })
    .returning({ id: s.vestingRuns.id });
  await tx.insert(s.appraisalResults).values(
    grantRows.map((g) => ({
      grantId: g.grantId,
      trancheIndex: 1,
      fiscalYear: Number(asOf.slice(0, 4)) - 1,
      grade: grades.get(g.grantId)!,
    })),
  );
  const [batch] = await tx
    .insert(s.vestingBatches)
    .values({
      planId,
      batchNo: 1,
      status: "payment_open",
      registrationDate,
      paymentStart: addDays(asOf, -3),
      paymentDeadline: addDays(registrationDate, -3),
      payeeName: "演示科技股份有限公司",
      payeeBank: "招商银行上海张江支行",
      payeeAccount: "1219 0866 1010 888",
      referenceTemplate: REFERENCE_TEMPLATE,
      shareSource: "new_issue",
    })
    .returning();
  await tx.insert(s.vestingBatchPeriods).values({
    vestingBatchId: batch!.id,
    grantBatchId: reserved!.id,
    categoryId,
    trancheIndex: 1,
    vestingRunId: run!.id,
  });
  const lines = vestingLines(batch!, 1, await runShares(tx, run!.id));
  if (lines.length > 0) await tx.insert(s.vestingBatchLines).values(lines);
  // The notices the payment's opening gives, without their e-mails (nobody is mailed by the demo).
  const notices = new Map(
    paymentDueNotices(batch!, plan!, paymentsDue(await paidLines(tx, batch!.id))).map((n) => [n.personId, n]),
  );
  const holders = await tx
    .select({ userId: s.users.id, personId: s.users.personId })
    .from(s.users)
    .where(eq(s.users.disabled, false));
  const rows = holders.flatMap((u) => {
    const n = u.personId ? notices.get(u.personId) : undefined;
    return n
      ? [
          {
            userId: u.userId,
            kind: "payment_due",
            dedupeKey: `payment_due:${batch!.id}:${u.userId}`,
            payload: { vestingBatchId: batch!.id, ...n.payload },
          },
        ]
      : [];
  });
  if (rows.length > 0) await tx.insert(s.notifications).values(rows);
}
