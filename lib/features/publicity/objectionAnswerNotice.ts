import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { emailOutbox, notifications, plans, publicityPeriods, users } from "@/db/schema";

/**
 * Tells the person who filed an objection that HR answered it: an in-app notice and an e-mail, in the
 * answer's own transaction, so an answer is never recorded without the filer being told. Each answer
 * (an objection may be answered, then upheld) is its own notice.
 */
export async function noticeObjectionAnswered(
  tx: Transaction,
  objection: { id: string; publicityPeriodId: string; filedByUserId: string; receiptNo: string },
  answer: { status: "answered" | "upheld"; answeredAt: Date },
): Promise<void> {
  const [context] = await tx
    .select({ planName: plans.name, planNameEn: plans.nameEn, email: users.email })
    .from(publicityPeriods)
    .innerJoin(plans, eq(plans.id, publicityPeriods.planId))
    .innerJoin(users, eq(users.id, objection.filedByUserId))
    .where(eq(publicityPeriods.id, objection.publicityPeriodId));
  if (!context) return;
  const payload = {
    objectionId: objection.id,
    receiptNo: objection.receiptNo,
    status: answer.status,
    planName: context.planName,
    planNameEn: context.planNameEn,
  };
  await tx
    .insert(notifications)
    .values({
      userId: objection.filedByUserId,
      kind: "objection_answered",
      payload,
      dedupeKey: `objection_answered:${objection.id}:${answer.answeredAt.getTime()}`,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey });
  await tx.insert(emailOutbox).values({
    toAddress: context.email,
    subject: "您的异议已答复 / Your objection was answered",
    body: JSON.stringify(payload),
  });
}
