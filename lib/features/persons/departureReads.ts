import "server-only";
import { escapeLike } from "@/lib/platform/pagination/searchText";
import { and, asc, desc, eq, gt, gte, ilike, lt, lte, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { personDepartures, persons, users } from "@/db/schema";
import {
  departureReasonText,
  type BilingualText,
  type DepartureInForce,
  type DepartureKind,
  type DepartureReason,
} from "@/lib/domain/persons/departureRules";
import { isUuid } from "@/lib/platform/validation/common";
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, type Page } from "@/lib/platform/pagination/keysetCursor";
import type { ListLeaversQuery } from "@/lib/features/persons/schemas";

/** One departure record as HR and the API read it: the reason as its code and in both languages. */
export interface DepartureRecordDto {
  id: string;
  kind: DepartureKind;
  /** Null for a withdrawal. */
  leaveDate: string | null;
  reason: DepartureReason | null;
  /** Null for a withdrawal; "reason not recorded" for a record made before reasons were asked for. */
  reasonText: BilingualText | null;
  note: string | null;
  supersedesId: string | null;
  recordedBy: { userId: string; name: string } | null;
  recordedAt: string;
}

/** A person's departure records, oldest first, and the one in force (null when they have not left). */
export interface DepartureHistoryDto {
  personId: string;
  employeeNo: string;
  name: string;
  employmentStatus: "active" | "left";
  inForce: DepartureRecordDto | null;
  records: DepartureRecordDto[];
}

/** A past leaver: the departure in force and how often it was corrected since it was recorded. */
export interface LeaverDto {
  personId: string;
  employeeNo: string;
  name: string;
  department: string | null;
  leaveDate: string;
  reason: DepartureReason | null;
  reasonText: BilingualText;
  note: string | null;
  /** Null for a departure set before the records existed (the migration wrote one for each). */
  departureId: string | null;
  recordedBy: { userId: string; name: string } | null;
  recordedAt: string | null;
  corrections: number;
}

type Row = typeof personDepartures.$inferSelect;

/** The last record of a chain: no record supersedes it. Every new record supersedes the chain's last one. */
const isChainHead = notExists(
  sql`(SELECT 1 FROM person_departures successor WHERE successor.supersedes_id = ${personDepartures.id})`,
);

/** The person's latest record (in force unless it is a withdrawal), or null when none was ever made. */
export async function lastDepartureRecord(tx: Database | Transaction, personId: string): Promise<Row | null> {
  const [head] = await tx
    .select()
    .from(personDepartures)
    .where(and(eq(personDepartures.personId, personId), isChainHead))
    .orderBy(desc(personDepartures.recordedAt))
    .limit(1);
  return head ?? null;
}

/**
 * The departure in force. persons.leave_date is what tranches are derived from, so it decides; the record
 * supplies the reason and the id a correction supersedes (null only for a departure with no record).
 */
export function inForceOf(
  person: { employmentStatus: "active" | "left"; leaveDate: string | null },
  last: Row | null,
): (DepartureInForce & { id: string | null }) | null {
  if (person.employmentStatus !== "left" || person.leaveDate === null) return null;
  const current = last && last.kind !== "withdrawn" ? last : null;
  return { id: current?.id ?? null, leaveDate: person.leaveDate, reason: current?.reason ?? null };
}

const recorder = { userId: users.id, name: users.displayName };

function toRecordDto(r: Row, by: { userId: string | null; name: string | null } | null): DepartureRecordDto {
  return {
    id: r.id,
    kind: r.kind,
    leaveDate: r.leaveDate,
    reason: r.reason,
    reasonText: r.kind === "withdrawn" ? null : departureReasonText(r.reason),
    note: r.note,
    supersedesId: r.supersedesId,
    recordedBy: by?.userId ? { userId: by.userId, name: by.name ?? "" } : null,
    recordedAt: r.recordedAt.toISOString(),
  };
}

/** A person's departure history; null for a malformed or unknown id. */
export async function departureHistory(
  db: Database | Transaction,
  personId: string,
): Promise<DepartureHistoryDto | null> {
  if (!isUuid(personId)) return null;
  const [person] = await db
    .select({
      employeeNo: persons.employeeNo,
      name: persons.name,
      employmentStatus: persons.employmentStatus,
      leaveDate: persons.leaveDate,
    })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) return null;
  const rows = await db
    .select({ d: personDepartures, by: recorder })
    .from(personDepartures)
    .leftJoin(users, eq(users.id, personDepartures.recordedBy))
    .where(eq(personDepartures.personId, personId))
    .orderBy(asc(personDepartures.recordedAt), asc(personDepartures.id));
  const records = rows.map((r) => toRecordDto(r.d, r.by));
  const last = await lastDepartureRecord(db, personId);
  const inForce = inForceOf(person, last);
  return {
    personId,
    employeeNo: person.employeeNo,
    name: person.name,
    employmentStatus: person.employmentStatus,
    inForce: inForce?.id ? (records.find((r) => r.id === inForce.id) ?? null) : null,
    records,
  };
}

/**
 * Past leavers, the latest leave date first (then employee number), a page at a time by keyset on that
 * order; filters by reason in force, leave-date range and search text on employee no., name and pinyin.
 */
export async function listLeavers(db: Database | Transaction, query: ListLeaversQuery): Promise<Page<LeaverDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const head = db
    .select({
      id: personDepartures.id,
      personId: personDepartures.personId,
      kind: personDepartures.kind,
      reason: personDepartures.reason,
      note: personDepartures.note,
      recordedBy: personDepartures.recordedBy,
      recordedAt: personDepartures.recordedAt,
    })
    .from(personDepartures)
    .where(isChainHead)
    .as("head");
  const where: SQL[] = [eq(persons.employmentStatus, "left"), sql`${persons.leaveDate} IS NOT NULL`];
  const q = query.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where.push(or(ilike(persons.employeeNo, like), ilike(persons.name, like), ilike(persons.namePinyin, like))!);
  }
  if (query.reason) where.push(eq(head.reason, query.reason));
  if (query.from) where.push(gte(persons.leaveDate, query.from));
  if (query.to) where.push(lte(persons.leaveDate, query.to));
  if (query.cursor) {
    const [leaveDate, employeeNo] = decodeCursor(query.cursor, ["string", "string"] as const);
    where.push(
      or(lt(persons.leaveDate, leaveDate), and(eq(persons.leaveDate, leaveDate), gt(persons.employeeNo, employeeNo)))!,
    );
  }
  // Corrections since the departure in force was first recorded (a withdrawn earlier one does not count).
  const corrections = sql<number>`(SELECT count(*)::int FROM person_departures c
    WHERE c.person_id = ${persons.id} AND c.kind = 'corrected' AND c.recorded_at > coalesce(
      (SELECT max(r.recorded_at) FROM person_departures r WHERE r.person_id = ${persons.id} AND r.kind = 'recorded'),
      '-infinity'::timestamptz))`;
  const rows = await db
    .select({
      personId: persons.id,
      employeeNo: persons.employeeNo,
      name: persons.name,
      department: persons.department,
      leaveDate: persons.leaveDate,
      head: { id: head.id, kind: head.kind, reason: head.reason, note: head.note, recordedAt: head.recordedAt },
      by: recorder,
      corrections,
    })
    .from(persons)
    .leftJoin(head, eq(head.personId, persons.id))
    .leftJoin(users, eq(users.id, head.recordedBy))
    .where(and(...where))
    .orderBy(desc(persons.leaveDate), asc(persons.employeeNo))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => [r.leaveDate!, r.employeeNo]);
  return {
    items: page.items.map((r) => {
      const current = r.head && r.head.kind !== "withdrawn" ? r.head : null;
      return {
        personId: r.personId,
        employeeNo: r.employeeNo,
        name: r.name,
        department: r.department,
        leaveDate: r.leaveDate!,
        reason: current?.reason ?? null,
        reasonText: departureReasonText(current?.reason ?? null),
        note: current?.note ?? null,
        departureId: current?.id ?? null,
        recordedBy: current && r.by?.userId ? { userId: r.by.userId, name: r.by.name ?? "" } : null,
        recordedAt: current ? new Date(current.recordedAt).toISOString() : null,
        corrections: Number(r.corrections),
      };
    }),
    nextCursor: page.nextCursor,
  };
}
