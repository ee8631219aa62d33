import "server-only";
import type { Database, Transaction } from "@/db/client";
import { emailOutbox } from "@/db/schema";

/** Why a password-setup link is sent: a new account, or an admin's password reset. */
export type SetupLinkPurpose = "invitation" | "reset";

const SUBJECT: Record<SetupLinkPurpose, string> = {
  invitation: "归属台账户邀请 / Your Vesting Desk account",
  reset: "归属台密码重置 / Vesting Desk password reset",
};

/**
 * Queues the mail carrying a password-setup link, in Chinese and English in one body (the recipient's
 * language is not known before their first sign-in). It joins the caller's transaction so a refused
 * change sends nothing.
 */
export async function queueSetupMail(
  tx: Database | Transaction,
  mail: { to: string; displayName: string; url: string; expiresAt: Date; purpose: SetupLinkPurpose },
): Promise<void> {
  const until = shanghaiMinute(mail.expiresAt);
  const zh =
    mail.purpose === "invitation"
      ? `${mail.displayName}，您好：\n\n管理员已为您开通归属台（限制性股票激励门户）账户。请通过以下链接设置密码：\n${mail.url}\n\n该链接仅可使用一次，有效期至 ${until}（北京时间）。如非本人操作，请忽略本邮件。`
      : `${mail.displayName}，您好：\n\n管理员已为您的归属台账户重置密码。请通过以下链接设置新密码：\n${mail.url}\n\n该链接仅可使用一次，有效期至 ${until}（北京时间）。在设置新密码之前，原密码仍然有效。`;
  const en =
    mail.purpose === "invitation"
      ? `Hello ${mail.displayName},\n\nAn administrator has opened a Vesting Desk account for you. Set your password here:\n${mail.url}\n\nThe link works once and until ${until} (China Standard Time). If you did not expect this, ignore this mail.`
      : `Hello ${mail.displayName},\n\nAn administrator has reset the password of your Vesting Desk account. Set a new password here:\n${mail.url}\n\nThe link works once and until ${until} (China Standard Time). Your old password keeps working until you set the new one.`;
  await tx
    .insert(emailOutbox)
    .values({ toAddress: mail.to, subject: SUBJECT[mail.purpose], body: `${zh}\n\n————————\n\n${en}\n` });
}

function shanghaiMinute(at: Date): string {
  // China has no daylight saving: a fixed +08:00 offset is exact.
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
