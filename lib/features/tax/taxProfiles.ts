import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { personTaxProfiles, persons } from "@/db/schema";
import { notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { Actor } from "@/lib/auth/actor";
import { taxProfileInput, type TaxProfileInput } from "@/lib/features/tax/schemas";

type Db = Database | Transaction;

/** A person's tax facts at vesting; updatedAt null when nothing was recorded and the defaults apply. */
export interface TaxProfileDto {
  personId: string;
  /** Residents are taxed separately from comprehensive income; for a non-resident the tax is "not computed". */
  resident: boolean;
  /** Why the person is not a resident (required then), or any remark. */
  note: string | null;
  /** 沪A account the registrar credits the vested shares to (A and nine digits). */
  securitiesAccount: string | null;
  updatedAt: string | null;
}

type ProfileRow = typeof personTaxProfiles.$inferSelect;

/** Nothing recorded: a resident individual, the case of almost every grantee, with no account yet. */
function defaultProfile(personId: string): TaxProfileDto {
  return { personId, resident: true, note: null, securitiesAccount: null, updatedAt: null };
}

function toDto(row: ProfileRow): TaxProfileDto {
  return {
    personId: row.personId,
    resident: row.resident,
    note: row.note,
    securitiesAccount: row.securitiesAccount,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function assertPerson(db: Db, personId: string): Promise<void> {
  const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId));
  if (!person) throw notFound("Person");
}

/** One person's tax profile (the defaults when none was recorded); 404 for an unknown person. */
export async function getTaxProfile(db: Db, personId: string): Promise<TaxProfileDto> {
  await assertPerson(db, personId);
  const [row] = await db.select().from(personTaxProfiles).where(eq(personTaxProfiles.personId, personId));
  return row ? toDto(row) : defaultProfile(personId);
}

/** Profiles of several people at once (a vesting batch's grantees), defaults filled in for everyone asked. */
export async function taxProfilesFor(db: Db, personIds: readonly string[]): Promise<Map<string, TaxProfileDto>> {
  const ids = [...new Set(personIds)];
  const out = new Map(ids.map((id) => [id, defaultProfile(id)]));
  if (ids.length === 0) return out;
  const rows = await db.select().from(personTaxProfiles).where(inArray(personTaxProfiles.personId, ids));
  for (const row of rows) out.set(row.personId, toDto(row));
  return out;
}

/**
 * Records a person's whole tax profile (what is omitted is cleared), audited with before and after. A
 * non-resident needs the reason in the note, and an account must read A + nine digits (BAD_REQUEST).
 */
export async function setTaxProfile(
  db: Database,
  actor: Actor,
  personId: string,
  input: TaxProfileInput,
): Promise<TaxProfileDto> {
  const parsed = taxProfileInput.parse(input);
  const values = {
    resident: parsed.resident,
    note: parsed.note ? parsed.note : null,
    securitiesAccount: parsed.securitiesAccount ?? null,
  };
  return db.transaction(async (tx) => {
    await assertPerson(tx, personId);
    const [before] = await tx.select().from(personTaxProfiles).where(eq(personTaxProfiles.personId, personId));
    const [row] = await tx
      .insert(personTaxProfiles)
      .values({ personId, ...values, updatedAt: new Date() })
      .onConflictDoUpdate({ target: personTaxProfiles.personId, set: { ...values, updatedAt: new Date() } })
      .returning();
    const snapshot = (r: ProfileRow) => ({
      resident: r.resident,
      note: r.note,
      securitiesAccount: r.securitiesAccount,
    });
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "tax_profile.set",
      entityType: "person_tax_profile",
      entityId: personId,
      before: before ? snapshot(before) : null,
      after: snapshot(row!),
      ip: actor.ip,
    });
    return toDto(row!);
  });
}
