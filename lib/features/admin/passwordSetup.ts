import "server-only";
import crypto from "node:crypto";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { passwordPolicyProblem } from "@/lib/auth/passwordPolicy";
import { ApiError } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { queueSetupMail, type SetupLinkPurpose } from "@/lib/features/admin/setupMail";
import { SetPasswordInput } from "@/lib/features/admin/schemas";

/** How long a password-setup link works: 72 hours. */
export const SETUP_LINK_LIFETIME_MS = 72 * 3600_000;

/** A freshly issued link: shown once to the admin and mailed to the user; only its SHA-256 is stored. */
export interface SetupLink {
  url: string;
  expiresAt: string;
}

/** SHA-256 of a setup token: the token is 256 random bits, so no salt or slow hash is needed. */
export function hashSetupToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * Issues a new one-time link for a user (replacing any earlier one) and queues the mail carrying it,
 * inside the caller's transaction. The user's password hash is left as it is.
 */
export async function issueSetupLink(
  tx: Database | Transaction,
  user: { id: string; email: string; displayName: string },
  purpose: SetupLinkPurpose,
  origin: string,
): Promise<SetupLink> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SETUP_LINK_LIFETIME_MS);
  await tx
    .update(users)
    .set({ passwordSetupTokenHash: hashSetupToken(token), passwordSetupExpiresAt: expiresAt })
    .where(eq(users.id, user.id));
  const url = new URL(`/set-password?token=${encodeURIComponent(token)}`, origin).toString();
  await queueSetupMail(tx, { to: user.email, displayName: user.displayName, url, expiresAt, purpose });
  return { url, expiresAt: expiresAt.toISOString() };
}

/** What the set-password page shows before the form: whose link it is, or why it does not work. */
export type SetupLinkState =
  { ok: true; email: string; expiresAt: string } | { ok: false; code: "SETUP_LINK_INVALID" | "SETUP_LINK_EXPIRED" };

/** Looks a link up without using it. */
export async function setupLinkState(db: Database, token: string): Promise<SetupLinkState> {
  const row = await linkHolder(db, token);
  if (!row) return { ok: false, code: "SETUP_LINK_INVALID" };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, code: "SETUP_LINK_EXPIRED" };
  return { ok: true, email: row.email, expiresAt: row.expiresAt.toISOString() };
}

/**
 * Sets a password through a setup link: the policy is checked first, then the link is used up, the
 * session version is bumped (every existing session ends) and the change is audited, in one
 * transaction. A used, unknown or expired link, or a disabled account, is refused.
 */
export async function setPasswordWithLink(
  db: Database,
  input: SetPasswordInput,
  ip: string | null,
): Promise<{ email: string }> {
  if (input.password !== input.confirm) throw new ApiError("PASSWORD_MISMATCH", "The two passwords differ.");
  const problem = passwordPolicyProblem(input.password);
  if (problem) throw new ApiError(`PASSWORD_${problem}`, POLICY_MESSAGES[problem]);
  // The page is public: a bad link is turned away before the (deliberately expensive) hash is computed.
  assertUsable(await linkHolder(db, input.token));
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const row = assertUsable(await linkHolder(tx, input.token, true));
    await tx
      .update(users)
      .set({
        passwordHash: hash,
        passwordSetupTokenHash: null,
        passwordSetupExpiresAt: null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, row.id));
    await appendAudit(tx, {
      actorUserId: row.id,
      action: "user.password_set",
      entityType: "user",
      entityId: row.id,
      ip,
      before: { hadPassword: row.hadPassword, sessionVersion: row.sessionVersion },
      after: { hadPassword: true, sessionVersion: row.sessionVersion + 1 },
    });
    return { email: row.email };
  });
}

function assertUsable<T extends { expiresAt: Date }>(row: T | undefined): T {
  if (!row) throw new ApiError("SETUP_LINK_INVALID", "This link is not valid or has already been used.");
  if (row.expiresAt.getTime() <= Date.now())
    throw new ApiError("SETUP_LINK_EXPIRED", "This link has expired; ask an administrator for a new one.");
  return row;
}

const POLICY_MESSAGES = {
  TOO_SHORT: "Use at least 10 characters.",
  TOO_LONG: "Use at most 200 characters.",
  TOO_COMMON: "This password is one of the most common ones; choose another.",
} as const;

async function linkHolder(tx: Database | Transaction, token: string, forUpdate = false) {
  // A disabled account's link does nothing: re-enabling it brings the link back while it lasts.
  const query = tx
    .select({
      id: users.id,
      email: users.email,
      expiresAt: users.passwordSetupExpiresAt,
      sessionVersion: users.sessionVersion,
      hadPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(
      and(
        eq(users.passwordSetupTokenHash, hashSetupToken(token)),
        isNotNull(users.passwordSetupExpiresAt),
        eq(users.disabled, false),
      ),
    )
    .limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ? { ...row, expiresAt: row.expiresAt! } : undefined;
}
