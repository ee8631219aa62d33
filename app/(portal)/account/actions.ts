"use server";
import { eq, sql } from "drizzle-orm";
import { requestIp } from "@/lib/server/clientIp";
import { z } from "zod";
import { users } from "@/db/schema";
import { hashPassword, newPasswordProblems, verifyPassword } from "@/lib/auth/password";
import { appendAudit } from "@/lib/server/auditTrail";
import { db } from "@/lib/server/db";
import { requireUser } from "@/lib/server/session";

const schema = z.object({ current: z.string().min(1).max(200), next: z.string().max(200), confirm: z.string().max(200) });

/** Result shown by the form: message keys under "account". */
export type ChangePasswordState = { ok: boolean; errors: string[] };

/** Changes the signed-in user's password; bumping the session version signs out every other session. */
export async function changePassword(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const user = await requireUser();
  const parsed = schema.safeParse({ current: form.get("current"), next: form.get("next"), confirm: form.get("confirm") });
  if (!parsed.success) return { ok: false, errors: ["tooShort"] };
  const { current, next, confirm } = parsed.data;
  if (next !== confirm) return { ok: false, errors: ["mismatch"] };
  const problems = newPasswordProblems(next, { email: user.email });
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
