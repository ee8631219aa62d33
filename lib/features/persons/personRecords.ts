import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { persons } from "@/db/schema";
import { checkIdNumber, normaliseIdNumber, type IdType } from "@/lib/domain/persons/idDocument";
import type { RuleViolation } from "@/lib/domain/errors";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { encryptIdNumber } from "@/lib/platform/idNumberCipher";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { isUuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { issuerOf } from "@/lib/features/plans/issuerOfPlan";
import { personDetail, type PersonDto } from "@/lib/features/persons/personDirectory";
import { PERSON_FLAGS, type CreatePersonInput, type UpdatePersonInput } from "@/lib/features/persons/personSchemas";

type PersonRow = typeof persons.$inferSelect;
type PersonValues = Partial<typeof persons.$inferInsert>;

/**
 * The stored form of an ID number: sealed and its last four, never the plaintext. A number without a
 * type is read as the resident ID card, the document nearly every grantee has.
 */
export function sealedIdNumber(
  idType: IdType | null | undefined,
  idNumber: string,
): { values: PersonValues; violations: RuleViolation[] } {
  const type = idType ?? "resident_id";
  const n = normaliseIdNumber(idNumber);
  return {
    values: { idType: type, idNumberEnc: encryptIdNumber(n), idNumberLast4: n.slice(-4) },
    violations: checkIdNumber(type, n),
  };
}

/** A person's fields as the audit trail keeps them: the ID number only as its type and last four. */
export function auditedPerson(p: PersonRow | PersonValues): Record<string, unknown> {
  return {
    employeeNo: p.employeeNo,
    name: p.name,
    namePinyin: p.namePinyin ?? null,
    position: p.position,
    department: p.department ?? null,
    email: p.email ?? null,
    nationality: p.nationality,
    idType: p.idType ?? null,
    idNumberLast4: p.idNumberLast4 ?? null,
    ...Object.fromEntries(PERSON_FLAGS.map((f) => [f, p[f] ?? false])),
  };
}

/** Column values for the fields an input sets, with the ID number sealed; rule violations of the number. */
export function personValues(input: UpdatePersonInput, current: PersonRow | null) {
  const { idNumber, idType, ...rest } = input;
  const values: PersonValues = { ...rest };
  let violations: RuleViolation[] = [];
  if (idNumber === null) Object.assign(values, { idType: null, idNumberEnc: null, idNumberLast4: null });
  else if (idNumber !== undefined) {
    const sealed = sealedIdNumber(idType ?? current?.idType, idNumber);
    Object.assign(values, sealed.values);
    violations = sealed.violations;
  } else if (idType !== undefined) {
    if (current?.idNumberEnc && idType !== current.idType)
      // Changing the type alone would leave a number checked against another document's format.
      throw new ApiError("BAD_REQUEST", "Send the ID number again with its new document type.", {
        field: "idNumber",
      });
    values.idType = idType;
  }
  return { values, violations };
}

async function employeeNoTaken(tx: Transaction, employeeNo: string, except: string | null) {
  const [row] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.employeeNo, employeeNo));
  return row !== undefined && row.id !== except;
}

const personExists = (employeeNo: string) =>
  new ApiError("PERSON_EXISTS", `A person with employee no. ${employeeNo} is already on record.`, { employeeNo });

/** Creates a person record (201); the employee number is unique, the ID number checked and sealed. */
export async function createPerson(db: Database, actor: Actor, input: CreatePersonInput): Promise<PersonDto> {
  const { values, violations } = personValues(input, null);
  refuseIfAny(violations);
  return db.transaction(async (tx) => {
    if (await employeeNoTaken(tx, input.employeeNo, null)) throw personExists(input.employeeNo);
    const issuerId = await issuerOf(tx, null);
    const row = { ...values, employeeNo: input.employeeNo, name: input.name, position: input.position };
    const [created] = await tx
      .insert(persons)
      .values({ ...row, issuerId })
      .onConflictDoNothing({ target: persons.employeeNo })
      .returning();
    // Two HR users adding the same number at once: the loser gets the same 409 as a sequential duplicate.
    if (!created) throw personExists(input.employeeNo);
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "person.create",
      entityType: "person",
      entityId: created.id,
      ip: actor.ip,
      before: null,
      after: auditedPerson(created),
    });
    return (await personDetail(tx, created.id))!;
  });
}

/** Changes a person's record; only the fields sent change, and nothing is written when none differs. */
export async function updatePerson(
  db: Database,
  actor: Actor,
  personId: string,
  input: UpdatePersonInput,
): Promise<PersonDto & { unchanged: boolean }> {
  if (!isUuid(personId)) throw notFound("Person");
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(persons).where(eq(persons.id, personId)).for("update");
    if (!current) throw notFound("Person");
    const { values, violations } = personValues(input, current);
    refuseIfAny(violations);
    if (values.employeeNo && (await employeeNoTaken(tx, values.employeeNo, personId)))
      throw personExists(values.employeeNo);
    const before = auditedPerson(current);
    const after = auditedPerson({ ...current, ...values });
    const numberChanged = values.idNumberEnc !== undefined && values.idNumberEnc !== null;
    if (!numberChanged && JSON.stringify(before) === JSON.stringify(after))
      return { ...(await personDetail(tx, personId))!, unchanged: true };
    await tx
      .update(persons)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(persons.id, personId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "person.update",
      entityType: "person",
      entityId: personId,
      ip: actor.ip,
      before,
      after: { ...after, ...(numberChanged ? { idNumberReplaced: true } : {}) },
    });
    return { ...(await personDetail(tx, personId))!, unchanged: false };
  });
}
