import "server-only";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import {
  emailOutbox,
  knownDevices,
  notifications,
  recoveryCodes,
  userFactors,
  userRoles,
  userSessions,
  users,
} from "@/db/schema";
import type { Role } from "@/lib/auth/credentials";
import type { Actor } from "@/lib/auth/actor";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { factorsOf } from "@/lib/auth/secondFactor/factorStore";
import { requireFreshProof } from "@/lib/auth/secondFactor/stepUp";
import { enrolmentDeadline, requiresSecondFactor, SECOND_FACTOR_ROLES } from "@/lib/domain/access/secondFactorPolicy";
import { appendAudit } from "@/lib/platform/auditTrail";
import { db as database } from "@/lib/platform/db";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { isUuid, uuid } from "@/lib/platform/validation/common";
import { getSecuritySettings } from "@/lib/features/admin/securitySettings";

/** One second factor as admins see it: kind, label and use; never a secret or a public key. */
export const adminFactorSchema = z.object({
  id: uuid,
  kind: z.enum(["totp", "webauthn"]),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type AdminFactor = z.infer<typeof adminFactorSchema>;

/** What GET /api/v1/users/{userId}/factors answers. */
export const userFactorsSchema = z.object({
  userId: uuid,
  factors: z.array(adminFactorSchema).describe("Oldest first."),
  recoveryCodesLeft: z.number().int().describe("Unused one-time recovery codes."),
});
export type UserFactors = z.infer<typeof userFactorsSchema>;

/** What a reset removed and ended. */
export const factorResetSchema = z.object({
  userId: uuid,
  factorsRemoved: z.number().int(),
  recoveryCodesRemoved: z.number().int(),
  knownDevicesRemoved: z.number().int(),
  sessionsEnded: z.number().int(),
  sessionVersion: z.number().int(),
});
export type FactorReset = z.infer<typeof factorResetSchema>;

/** The user's factors and unused recovery codes; 404 when there is no such user. */
export async function listUserFactors(db: Database | Transaction, userId: string): Promise<UserFactors> {
  if (!isUuid(userId)) throw notFound("User");
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound("User");
  return { userId, ...(await factorsOf(db, userId)) };
}

/**
 * Resets a user's second factor (a lost phone, a departed device): every authenticator, passkey, recovery
 * code and remembered browser goes, the session version is bumped so every session of theirs ends, and
 * the user is told by a notice and an e-mail, all in one transaction with the audit row. A sensitive
 * action: the admin's own session must have proved itself within 10 minutes. An admin manages their own
 * factors on the account page (where the last one cannot be removed), not here.
 */
export async function resetUserFactors(
  db: Database,
  admin: SessionUser,
  actor: Actor,
  userId: string,
  now = new Date(),
): Promise<FactorReset> {
  if (!isUuid(userId)) throw notFound("User");
  const [exists] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!exists) throw notFound("User");
  if (userId === admin.id) throw new ApiError("SELF_FACTOR_RESET");
  await requireFreshProof(db, admin, now);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        sessionVersion: users.sessionVersion,
      })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!user) throw notFound("User");
    const factors = await tx
      .delete(userFactors)
      .where(eq(userFactors.userId, userId))
      .returning({ id: userFactors.id, kind: userFactors.kind, label: userFactors.label });
    const codes = await tx
      .delete(recoveryCodes)
      .where(eq(recoveryCodes.userId, userId))
      .returning({ usedAt: recoveryCodes.usedAt });
    const devices = await tx
      .delete(knownDevices)
      .where(eq(knownDevices.userId, userId))
      .returning({ id: knownDevices.id });
    const sessionVersion = user.sessionVersion + 1;
    await tx.update(users).set({ sessionVersion }).where(eq(users.id, userId));
    const ended = await tx
      .update(userSessions)
      .set({ endedAt: now })
      .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
      .returning({ id: userSessions.id });
    const unusedCodes = codes.filter((c) => c.usedAt === null).length;
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "factor.reset",
      entityType: "user",
      entityId: userId,
      ip: actor.ip,
      before: {
        factors: factors.map((f) => ({ id: f.id, kind: f.kind, label: f.label })),
        recoveryCodesLeft: unusedCodes,
        knownDevices: devices.length,
        sessionVersion: user.sessionVersion,
      },
      after: { factors: [], recoveryCodesLeft: 0, knownDevices: 0, sessionVersion, sessionsEnded: ended.length },
    });
    await noticeFactorReset(tx, user, now);
    return {
      userId,
      factorsRemoved: factors.length,
      recoveryCodesRemoved: codes.length,
      knownDevicesRemoved: devices.length,
      sessionsEnded: ended.length,
      sessionVersion,
    };
  });
}

/** Tells the user their second factor was reset: an in-app notice and a mail in Chinese and English. */
async function noticeFactorReset(
  tx: Transaction,
  user: { id: string; email: string; displayName: string },
  at: Date,
): Promise<void> {
  const when = shanghaiMinute(at);
  await tx
    .insert(notifications)
    .values({
      userId: user.id,
      kind: "factor_reset",
      payload: { resetAt: at.toISOString(), at: when },
      dedupeKey: `factor_reset:${user.id}:${at.getTime()}`,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey });
  const name = user.displayName || user.email;
  const zh = `${name}，您好：\n\n管理员已于 ${when}（北京时间）重置了您归属台账户的第二步验证：您的身份验证器、通行密钥、恢复码和受信任设备均已删除，您已在所有设备上退出登录。\n\n请使用密码重新登录，并重新设置身份验证器或通行密钥。如非您本人申请，请立即联系管理员。`;
  const en = `Hello ${name},\n\nAn administrator reset the second factor of your Vesting Desk account at ${when} (China Standard Time): your authenticator apps, passkeys, recovery codes and remembered browsers were removed, and you were signed out everywhere.\n\nSign in with your password and set up an authenticator app or passkey again. If you did not ask for this, contact your administrator at once.`;
  await tx.insert(emailOutbox).values({
    toAddress: user.email,
    subject: "归属台第二步验证已重置 / Your Vesting Desk second factor was reset",
    body: `${zh}\n\n————————\n\n${en}\n`,
  });
}

/** One account on the security page: whether it has a second factor, and by when it must have one. */
export interface StaffFactorStatus {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  /** True when a role of theirs requires a second factor (staff); others are listed only when they have one. */
  required: boolean;
  factors: AdminFactor[];
  recoveryCodesLeft: number;
  /** For a staff user without a factor: the end of their grace period (ISO), and whether it has passed. */
  enrolBy: string | null;
  overdue: boolean;
}

/** Most accounts the security page lists. */
export const STAFF_FACTOR_LIMIT = 500;

/**
 * Every staff user (a role that requires a second factor) and everyone else who has one, by email, with
 * their factors, recovery codes left and, for staff without a factor, the grace period's end.
 */
export async function staffFactorStatus(db: Database, now = new Date()): Promise<StaffFactorStatus[]> {
  const staffRole = sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${inArray(userRoles.role, [...SECOND_FACTOR_ROLES])})`;
  const hasFactor = sql`exists (select 1 from ${userFactors} where ${userFactors.userId} = ${users.id})`;
  const accounts = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      disabled: users.disabled,
      createdAt: users.createdAt,
      roles: sql<
        Role[]
      >`coalesce((select array_agg(${userRoles.role}::text order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .where(or(staffRole, hasFactor))
    .orderBy(asc(users.email))
    .limit(STAFF_FACTOR_LIMIT);
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const [factorRows, codeRows, settings] = await Promise.all([
    db
      .select({
        id: userFactors.id,
        userId: userFactors.userId,
        kind: userFactors.kind,
        label: userFactors.label,
        createdAt: userFactors.createdAt,
        lastUsedAt: userFactors.lastUsedAt,
      })
      .from(userFactors)
      .where(inArray(userFactors.userId, ids))
      .orderBy(asc(userFactors.createdAt)),
    db
      .select({ userId: recoveryCodes.userId, n: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(inArray(recoveryCodes.userId, ids), isNull(recoveryCodes.usedAt)))
      .groupBy(recoveryCodes.userId),
    getSecuritySettings(db),
  ]);
  const codesLeft = new Map(codeRows.map((r) => [r.userId, Number(r.n)]));
  const factorsBy = new Map<string, AdminFactor[]>();
  for (const f of factorRows) {
    const list = factorsBy.get(f.userId) ?? [];
    list.push({
      id: f.id,
      kind: f.kind,
      label: f.label,
      createdAt: f.createdAt.toISOString(),
      lastUsedAt: f.lastUsedAt?.toISOString() ?? null,
    });
    factorsBy.set(f.userId, list);
  }
  return accounts.map((a) => {
    const factors = factorsBy.get(a.id) ?? [];
    const required = requiresSecondFactor(a.roles);
    const deadline =
      required && factors.length === 0
        ? enrolmentDeadline({
            userCreatedAt: new Date(a.createdAt),
            graceFrom: new Date(settings.graceFrom),
            graceDays: settings.staffGraceDays,
          })
        : null;
    return {
      id: a.id,
      email: a.email,
      displayName: a.displayName,
      roles: a.roles,
      disabled: a.disabled,
      required,
      factors,
      recoveryCodesLeft: codesLeft.get(a.id) ?? 0,
      enrolBy: deadline?.toISOString() ?? null,
      overdue: deadline !== null && now.getTime() >= deadline.getTime(),
    };
  });
}

/** The security page's list of accounts and their factors: admins only. */
export async function staffFactorsForAdmin(): Promise<StaffFactorStatus[]> {
  await requireUser("admin");
  return staffFactorStatus(await database());
}

function shanghaiMinute(at: Date): string {
  // China has no daylight saving: a fixed +08:00 offset is exact.
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
