import { and, desc, eq, gte, like, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { badRequest } from "@/lib/platform/errors/apiError";
import { verifyAuditChain } from "@/lib/platform/auditTrail";
import { isoDate, isUuid, text } from "@/lib/platform/validation/common";

/** Rows per page of the audit viewer. */
export const AUDIT_PAGE_SIZE = 50;

/**
 * Query of GET /api/v1/audit-log. actor is a user id or an email; action ending in "*" matches a
 * prefix ("user.*"); from/to are Shanghai calendar days, both included; before is the id keyset cursor.
 */
export const auditQuerySchema = z.object({
  actor: text().max(200).optional(),
  entityType: text().max(60).optional(),
  entityId: text().max(200).optional(),
  action: text().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  before: z.string().regex(/^\d{1,15}$/, { message: "Expected a row id." }).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One audit row as the viewer shows it, with the actor resolved to a user where one exists. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actor: z.object({ email: z.string(), displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A page of rows, newest first; nextBefore fetches the next (older) page, null on the last one. */
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The chain check: ok with the number of rows, or the first row whose hash does not follow. */
export const auditVerificationSchema = z.object({ ok: z.boolean(), rows: z.number().int(), brokenAt: auditEntrySchema.nullable() });
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/**
 * One page of the audit trail. Paging by id (never by offset) keeps pages stable while new rows are
 * appended: a row seen on page 2 stays on page 2.
 */
export async function auditPage(db: Database, query: AuditQuery): Promise<AuditPage> {
  const where = filters(query);
  if (query.before) where.push(lt(auditLog.id, Number(query.before)));
  const rows = await entries(db).where(and(...where)).orderBy(desc(auditLog.id)).limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE).map(toEntry);
  return { items: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null };
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
  if (q.from && q.to && q.from > q.to) throw badRequest("The start date is after the end date.", { from: q.from, to: q.to });
  if (q.actor) {
    // An email matches whoever has it now; an unknown email simply matches nothing.
    where.push(isUuid(q.actor) ? eq(auditLog.actorUserId, q.actor) : sql`${auditLog.actorUserId} in (select ${users.id} from ${users} where lower(${users.email}) = ${q.actor.toLowerCase()})`);
  }
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) {
    where.push(q.action.endsWith("*") ? like(auditLog.action, `${q.action.slice(0, -1).replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : eq(auditLog.action, q.action));
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
      id: auditLog.id, at: auditLog.at, actorUserId: auditLog.actorUserId, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId,
      before: auditLog.before, after: auditLog.after, ip: auditLog.ip, hash: auditLog.hash, actorEmail: users.email, actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .$dynamic();
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>["execute"]>>[number];

function toEntry(r: EntryRow): AuditEntry {
  return {
    id: r.id, at: r.at.toISOString(), actorUserId: r.actorUserId,
    actor: r.actorEmail ? { email: r.actorEmail, displayName: r.actorName ?? "" } : null,
    action: r.action, entityType: r.entityType, entityId: r.entityId, before: r.before ?? null, after: r.after ?? null, ip: r.ip, hash: r.hash,
  };
}
