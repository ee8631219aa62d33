import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { emailOutbox, notifications, users } from "@/db/schema";
import type { VestingBatchRow } from "@/lib/features/vesting-batches/batchState";
import type { PaymentDue } from "@/lib/features/vesting-batches/paymentAccounts";

/** The payment notice's e-mail: everything a grantee needs to pay, in Chinese then English. */
function mailBody(batch: VestingBatchRow, plan: { name: string; nameEn: string }, due: PaymentDue): string {
  return [
    `您参与的${plan.name}第${batch.batchNo}批归属已确认归属条件。`,
    `可归属股份：${due.shares} 股；应缴款金额：人民币 ${due.amountDue} 元。`,
    `收款户名：${batch.payeeName}；开户行：${batch.payeeBank}；账号：${batch.payeeAccount}`,
    `转账附言请填写：${due.reference}`,
    `缴款期间：${batch.paymentStart} 至 ${batch.paymentDeadline}（含）。截止日未缴款的股份视为放弃，作废失效；可只为部分股份缴款，仅已缴款股份归属。`,
    "",
    `The conditions of vesting batch ${batch.batchNo} of ${plan.nameEn} are met.`,
    `Shares that may vest: ${due.shares}; amount due: CNY ${due.amountDue}.`,
    `Payee: ${batch.payeeName}; bank: ${batch.payeeBank}; account: ${batch.payeeAccount}`,
    `Write this reference on the transfer: ${due.reference}`,
    `Pay from ${batch.paymentStart} to ${batch.paymentDeadline} (inclusive). Shares not paid by the deadline are waived and lapse; you may pay for fewer shares: only paid shares vest.`,
    "",
    "详情请登录 Vesting Desk 查看 / Details in Vesting Desk.",
  ].join("\n");
}

/** A notice for one grantee of a batch: what the portal shows and what the e-mail says. */
export interface BatchNotice {
  personId: string;
  payload: Record<string, unknown>;
  mailBody: string;
}

/** One notice and one e-mail per enabled user of each grantee, at most once per batch, kind and user. */
export async function notifyBatchGrantees(
  tx: Transaction,
  batchId: string,
  kind: string,
  subject: string,
  items: BatchNotice[],
): Promise<number> {
  if (items.length === 0) return 0;
  const holders = await tx
    .select({ userId: users.id, email: users.email, personId: users.personId })
    .from(users)
    .where(
      and(
        inArray(
          users.personId,
          items.map((d) => d.personId),
        ),
        eq(users.disabled, false),
      ),
    );
  const itemOf = new Map(items.map((d) => [d.personId, d]));
  const rows = holders.map((h) => ({ user: h, item: itemOf.get(h.personId!)! }));
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(
      rows.map(({ user, item }) => ({
        userId: user.userId,
        kind,
        dedupeKey: `${kind}:${batchId}:${user.userId}`,
        payload: { vestingBatchId: batchId, ...item.payload },
      })),
    )
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ userId: notifications.userId });
  const fresh = new Set(inserted.map((i) => i.userId));
  const mails = rows
    .filter((r) => fresh.has(r.user.userId))
    .map((r) => ({ toAddress: r.user.email, subject, body: r.item.mailBody }));
  if (mails.length > 0) await tx.insert(emailOutbox).values(mails);
  return inserted.length;
}

/** The payment notices of a batch whose payment opens. */
export function paymentDueNotices(
  batch: VestingBatchRow,
  plan: { name: string; nameEn: string },
  dues: PaymentDue[],
): BatchNotice[] {
  return dues.map((due) => ({
    personId: due.personId,
    payload: {
      batchNo: batch.batchNo,
      planName: plan.name,
      planNameEn: plan.nameEn,
      shares: due.shares,
      amountDue: due.amountDue,
      reference: due.reference,
      deadline: batch.paymentDeadline,
    },
    mailBody: mailBody(batch, plan, due),
  }));
}
