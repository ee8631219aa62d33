import "server-only";
import { escapeLike } from "@/lib/platform/pagination/searchText";
import { and, asc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { persons, users } from "@/db/schema";
import type { IdType } from "@/lib/domain/persons/idDocument";
import { maskIdNumber } from "@/lib/platform/idNumberCipher";
import { isUuid } from "@/lib/platform/validation/common";
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, type Page } from "@/lib/platform/pagination/keysetCursor";
import { PERSON_FLAGS, type ListPersonsQuery, type PersonFlag } from "@/lib/features/persons/personSchemas";

/** A person as HR reads them: the ID number only masked, never decrypted here. */
export interface PersonDto {
  id: string;
  employeeNo: string;
  name: string;
  namePinyin: string | null;
  position: string;
  department: string | null;
  email: string | null;
  nationality: string;
  idType: IdType | null;
  idNumberMasked: string | null;
  flags: Record<PersonFlag, boolean>;
  employmentStatus: "active" | "left";
  leaveDate: string | null;
  /** The portal account linked to the person, if any. */
  userId: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = {
  id: persons.id,
  employeeNo: persons.employeeNo,
  name: persons.name,
  namePinyin: persons.namePinyin,
  position: persons.position,
  department: persons.department,
  email: persons.email,
  nationality: persons.nationality,
  idType: persons.idType,
  idNumberLast4: persons.idNumberLast4,
  employmentStatus: persons.employmentStatus,
  leaveDate: persons.leaveDate,
  userId: users.id,
  createdAt: persons.createdAt,
  updatedAt: persons.updatedAt,
  ...Object.fromEntries(PERSON_FLAGS.map((f) => [f, persons[f]])),
} as const;

type Row = { [K in keyof typeof columns]: (typeof columns)[K]["_"]["data"] } & Record<PersonFlag, boolean>;

function toDto(r: Row): PersonDto {
  return {
    id: r.id,
    employeeNo: r.employeeNo,
    name: r.name,
    namePinyin: r.namePinyin,
    position: r.position,
    department: r.department,
    email: r.email,
    nationality: r.nationality,
    idType: r.idType ?? (r.idNumberLast4 ? "resident_id" : null),
    idNumberMasked: r.idNumberLast4 ? maskIdNumber(r.idNumberLast4) : null,
    flags: Object.fromEntries(PERSON_FLAGS.map((f) => [f, r[f]])) as Record<PersonFlag, boolean>,
    employmentStatus: r.employmentStatus,
    leaveDate: r.leaveDate,
    userId: r.userId ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * People in employee-number order, a page at a time: search text on employee no., name and pinyin,
 * filters by status, flag and department. Keyset on the unique employee number, so page 200 of
 * 10,000 people costs what page 1 does.
 */
export async function listPersons(db: Database | Transaction, query: ListPersonsQuery): Promise<Page<PersonDto>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const where: SQL[] = [];
  const q = query.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where.push(or(ilike(persons.employeeNo, like), ilike(persons.name, like), ilike(persons.namePinyin, like))!);
  }
  if (query.status) where.push(eq(persons.employmentStatus, query.status));
  if (query.flag) where.push(eq(persons[query.flag], true));
  if (query.department) where.push(eq(persons.department, query.department));
  if (query.cursor) {
    const [after] = decodeCursor(query.cursor, ["string"] as const);
    where.push(gt(persons.employeeNo, after));
  }
  const rows = (await db
    .select(columns)
    .from(persons)
    .leftJoin(users, eq(users.personId, persons.id))
    .where(and(...where))
    .orderBy(asc(persons.employeeNo))
    .limit(limit + 1)) as Row[];
  const page = pageOf(rows, limit, (r) => [r.employeeNo]);
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/** One person by id, or null (a malformed id is no person). */
export async function personDetail(db: Database | Transaction, personId: string): Promise<PersonDto | null> {
  if (!isUuid(personId)) return null;
  const [row] = (await db
    .select(columns)
    .from(persons)
    .leftJoin(users, eq(users.personId, persons.id))
    .where(eq(persons.id, personId))) as Row[];
  return row ? toDto(row) : null;
}

/** The departments on record, for the list's filter. */
export async function personDepartments(db: Database | Transaction): Promise<string[]> {
  const rows = await db
    .selectDistinct({ d: persons.department })
    .from(persons)
    .where(sql`${persons.department} IS NOT NULL`)
    .orderBy(asc(persons.department));
  return rows.map((r) => r.d!);
}
