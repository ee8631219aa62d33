import "server-only";
import { escapeLike } from "@/lib/platform/pagination/searchText";
import { and, asc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { persons, userRoles, userSessions, users } from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import type { Role } from "@/lib/auth/credentials";
import { isUuid } from "@/lib/platform/validation/common";
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, type Page } from "@/lib/platform/pagination/keysetCursor";
import { db as database } from "@/lib/platform/db";
import { requireUser } from "@/lib/auth/session";
import { auditPage, verifyAuditTrail } from "@/lib/features/admin/auditViewer";
import { type AuditPage, type AuditQuery, type AuditVerification } from "@/lib/features/admin/schemas";
import { setupLinkState, type SetupLinkState } from "@/lib/features/admin/passwordSetup";
import { UserListQuery, UserSummary, UserDetail } from "@/lib/features/admin/schemas";
import { outboxCounts } from "@/lib/platform/mail/outboxSender";
import { mailDeliveryMode, smtpServerLabel, type MailDeliveryMode } from "@/lib/platform/mail/smtpTransport";

/**
 * Users matching the query, by email, a page at a time. Keyset on the unique email (its own index), so
 * a deep page of 10,000 accounts costs what the first does.
 */
export async function listUsers(db: Database, query: UserListQuery): Promise<Page<UserSummary>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const where: SQL[] = [];
  const q = query.q === undefined ? undefined : escapeLike(query.q);
  if (q)
    where.push(
      or(
        ilike(users.email, `%${q}%`),
        ilike(users.displayName, `%${q}%`),
        ilike(persons.employeeNo, `%${q}%`),
        ilike(persons.name, `%${q}%`),
      )!,
    );
  if (query.role)
    where.push(
      sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${query.role})`,
    );
  if (query.state === "enabled") where.push(eq(users.disabled, false));
  if (query.state === "disabled") where.push(eq(users.disabled, true));
  if (query.state === "pending") where.push(sql`${users.passwordSetupTokenHash} is not null`);
  if (query.cursor) {
    const [after] = decodeCursor(query.cursor, ["string"] as const);
    where.push(gt(users.email, after));
  }
  const rows = await summaryQuery(db)
    .where(and(...where))
    .orderBy(asc(users.email))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => [r.email]);
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}

/** One user by id; 404 when there is none. */
export async function userDetail(db: Database | Transaction, userId: string): Promise<UserDetail> {
  if (!isUuid(userId)) throw notFound("User");
  const [row] = await summaryQuery(db).where(eq(users.id, userId));
  if (!row) throw notFound("User");
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), sql`${userSessions.endedAt} is null`));
  return { ...toSummary(row), openSessions: Number(open?.n ?? 0) };
}

function summaryQuery(db: Database | Transaction) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      disabled: users.disabled,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      setupExpiresAt: users.passwordSetupExpiresAt,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
      personId: persons.id,
      employeeNo: persons.employeeNo,
      personName: persons.name,
      // Enum order is declaration order, so roles always list the same way.
      roles: sql<
        Role[]
      >`coalesce((select array_agg(${userRoles.role}::text order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .leftJoin(persons, eq(persons.id, users.personId))
    .$dynamic();
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["execute"]>>[number];

function toSummary(r: SummaryRow): UserSummary {
  const expiresAt = r.setupExpiresAt ? new Date(r.setupExpiresAt) : null;
  return {
    id: r.id,
    email: r.email,
    displayName: r.displayName,
    roles: r.roles,
    disabled: r.disabled,
    hasPassword: Boolean(r.hasPassword),
    person: r.personId ? { id: r.personId, employeeNo: r.employeeNo!, name: r.personName! } : null,
    pendingSetup: expiresAt ? { expiresAt: expiresAt.toISOString(), expired: expiresAt.getTime() <= Date.now() } : null,
    lastLoginAt: r.lastLoginAt ? new Date(r.lastLoginAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** The users list of the administration pages: admins only. */
export async function usersForAdmin(query: UserListQuery): Promise<Page<UserSummary>> {
  await requireUser("admin");
  const db = await database();
  // A cursor the list did not hand out (an edited link) starts again at the first page instead of failing.
  return listUsers(db, query).catch((e: unknown) => {
    if (query.cursor && e instanceof ApiError && e.status === 400)
      return listUsers(db, { ...query, cursor: undefined });
    throw e;
  });
}

/** One account for its administration page: admins only; 404 when there is none. */
export async function userForAdmin(userId: string): Promise<UserDetail> {
  await requireUser("admin");
  return userDetail(await database(), userId);
}

/** One page of the audit trail for the viewer: admins and auditors. */
export async function auditTrailPage(query: AuditQuery): Promise<AuditPage> {
  await requireUser("admin", "auditor");
  return auditPage(await database(), query);
}

/** The audit hash chain check for the viewer: admins and auditors. */
export async function auditTrailVerification(): Promise<AuditVerification> {
  await requireUser("admin", "auditor");
  return verifyAuditTrail(await database());
}

/** Whose setup link this is, or why it does not work. Public: holding the link is the proof. */
export async function setupLinkFor(token: string): Promise<SetupLinkState> {
  return setupLinkState(await database(), token);
}

/** How e-mail leaves (SMTP, or the outbox only) with the mail waiting and given up: admins only. */
export async function mailDeliveryStatus(): Promise<{
  mode: MailDeliveryMode;
  server: string | null;
  pending: number;
  dead: number;
}> {
  await requireUser("admin");
  return { mode: mailDeliveryMode(), server: smtpServerLabel(), ...(await outboxCounts(await database())) };
}
