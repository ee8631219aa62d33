import "server-only";
import { escapeLike } from "@/lib/platform/pagination/searchText";
import { and, desc, eq, gte, like, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { badRequest } from "@/lib/platform/errors/apiError";
import { verifyAuditChain } from "@/lib/platform/auditTrail";
import { isUuid } from "@/lib/platform/validation/common";
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from "@/lib/platform/pagination/keysetCursor";
import { AuditQuery, AuditEntry, AuditPage, AuditVerification } from "@/lib/features/admin/schemas";

/** Rows per page of the audit viewer unless the query asks for another size. */
export const AUDIT_PAGE_SIZE = DEFAULT_PAGE_SIZE;

/**
 * One page of the audit trail. Paging by id (never by offset) keeps pages stable while new rows are
 * appended: a row seen on page 2 stays on page 2; and the primary key serves the newest-first scan
 * however deep the page.
 */
export async function auditPage(db: Database, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? AUDIT_PAGE_SIZE;
  const where = filters(query);
  const before = startBefore(query);
  if (before !== null) where.push(lt(auditLog.id, before));
  const rows = await entries(db)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = pageOf(rows.map(toEntry), limit, (r) => [r.id]);
  return { ...page, nextBefore: page.nextCursor ? page.items[page.items.length - 1]!.id : null };
}

/** The id a page starts below: from the opaque cursor, or from before=, the older form kept for callers of it. */
function startBefore(q: AuditQuery): number | null {
  if (q.cursor && q.before)
    throw badRequest("Pass cursor or before, not both.", { cursor: q.cursor, before: q.before });
  if (q.before) return Number(q.before);
  if (!q.cursor) return null;
  const [id] = decodeCursor(q.cursor, ["number"] as const);
  if (!Number.isSafeInteger(id) || id < 1)
    throw badRequest("The cursor is not one this list handed out; start again without it.");
  return id;
}

/** Walks the whole hash chain; a broken chain comes back with its first bad row for the reader to see. */
export async function verifyAuditTrail(db: Database): Promise<AuditVerification> {
  const check = await verifyAuditChain(db);
  if (check.ok) return { ok: true, rows: check.rows, brokenAt: null };
  const [row] = await entries(db).where(eq(auditLog.id, check.brokenAtId));
  return { ok: false, rows: check.rows, brokenAt: row ? toEntry(row) : null };
}

function filters(q: AuditQuery): SQL[] {
  const where: SQL[] = [];
  if (q.from && q.to && q.from > q.to)
    throw badRequest("The start date is after the end date.", { from: q.from, to: q.to });
  if (q.actor) {
    // An email matches whoever has it now; an unknown email simply matches nothing.
    where.push(
      isUuid(q.actor)
        ? eq(auditLog.actorUserId, q.actor)
        : sql`${auditLog.actorUserId} in (select ${users.id} from ${users} where lower(${users.email}) = ${q.actor.toLowerCase()})`,
    );
  }
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) {
    where.push(
      q.action.endsWith("*")
        ? like(auditLog.action, `${escapeLike(q.action.slice(0, -1))}%`)
        : eq(auditLog.action, q.action),
    );
  }
  if (q.from) where.push(gte(auditLog.at, shanghaiMidnight(q.from, 0)));
  if (q.to) where.push(lt(auditLog.at, shanghaiMidnight(q.to, 1)));
  return where;
}

/** The instant a Shanghai calendar day (plus whole days) begins; China keeps +08:00 all year. */
function shanghaiMidnight(day: string, plusDays: number): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000);
}

function entries(db: Database) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
      hash: auditLog.hash,
      actorEmail: users.email,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .$dynamic();
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>["execute"]>>[number];

function toEntry(r: EntryRow): AuditEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actor: r.actorEmail ? { email: r.actorEmail, displayName: r.actorName ?? "" } : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    hash: r.hash,
  };
}
