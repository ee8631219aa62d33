"use server";
import { eq, sql } from "drizzle-orm";
import { requestIp } from "@/lib/platform/http/clientIp";
import { z } from "zod";
import { users } from "@/db/schema";
import { hashPassword, newPasswordProblems, verifyPassword } from "@/lib/auth/password";
import { MAX_PASSWORD_LENGTH, passwordPolicyProblem, type PasswordPolicyProblem } from "@/lib/auth/passwordPolicy";
import { appendAudit } from "@/lib/platform/auditTrail";
import { db } from "@/lib/platform/db";
import { requireUser } from "@/lib/auth/session";

// Generous bounds here: the password policy decides what is too long, with its own message.
const schema = z.object({ current: z.string().min(1).max(MAX_PASSWORD_LENGTH), next: z.string().max(MAX_PASSWORD_LENGTH * 4), confirm: z.string().max(MAX_PASSWORD_LENGTH * 4) });

/** The policy's verdicts as the form's message keys under "account". */
const POLICY_KEYS: Record<Exclude<PasswordPolicyProblem, null>, string> = { TOO_SHORT: "tooShort", TOO_COMMON: "tooCommon", TOO_LONG: "tooLong" };

/** Result shown by the form: message keys under "account". */
export type ChangePasswordState = { ok: boolean; errors: string[] };

/** Changes the signed-in user's password; bumping the session version signs out every other session. */
export async function changePassword(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const user = await requireUser();
  const parsed = schema.safeParse({ current: form.get("current"), next: form.get("next"), confirm: form.get("confirm") });
  if (!parsed.success) return { ok: false, errors: ["tooShort"] };
  const { current, next, confirm } = parsed.data;
  if (next !== confirm) return { ok: false, errors: ["mismatch"] };
  // The shared policy (length, the 49k common-password list) plus this form's own email-name check.
  const policy = passwordPolicyProblem(next);
  const problems = [...new Set([...(policy ? [POLICY_KEYS[policy]] : []), ...newPasswordProblems(next, { email: user.email })])];
  if (problems.length) return { ok: false, errors: problems };
  const database = await db();
  const [row] = await database.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.hash || !(await verifyPassword(row.hash, current))) return { ok: false, errors: ["wrongCurrent"] };
  const hash = await hashPassword(next);
  const ip = await requestIp();
  await database.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
    await appendAudit(tx, { actorUserId: user.id, action: "auth.password_changed", entityType: "user", entityId: user.id, ip });
  });
  return { ok: true, errors: [] };
}
