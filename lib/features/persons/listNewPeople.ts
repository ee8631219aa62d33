import "server-only";
import { inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { persons } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import {
  applyParticipantsInTx,
  previewParticipants,
  type ApplyOptions,
  type ApplyResult,
  type ListBatch,
  type ListPreview,
  type ParticipantRow,
} from "@/lib/features/participants/participantImport";
import type { PersonTable } from "@/lib/features/persons/personFile";
import { applyPersonImportInTx, previewPersonImport } from "@/lib/features/persons/personImport";

/** A list preview when HR asked to create the people not on record: who would be created. */
export type ListPreviewWithNewPeople = ListPreview & { newPeople: string[] };

/** The list's rows whose employee no. names nobody, as rows of a people file (same line numbers). */
async function missingPeople(tx: Database | Transaction, rows: ParticipantRow[]): Promise<PersonTable> {
  const numbers = [...new Set(rows.map((r) => r.employeeNo).filter(Boolean))];
  const known = new Set(
    numbers.length
      ? (await tx.select({ no: persons.employeeNo }).from(persons).where(inArray(persons.employeeNo, numbers))).map(
          (p) => p.no,
        )
      : [],
  );
  const seen = new Set<string>();
  const missing = rows.filter(
    (r) => r.employeeNo && !known.has(r.employeeNo) && !seen.has(r.employeeNo) && seen.add(r.employeeNo),
  );
  return {
    columns: ["employeeNo", "name", "position", "nationality", "idNumber"],
    rows: missing.map((r) => ({
      line: r.line,
      cells: {
        employeeNo: r.employeeNo,
        name: r.name,
        position: r.position ?? "",
        nationality: r.nationality,
        ...(r.idNumber ? { idNumber: r.idNumber } : {}),
      },
    })),
  };
}

// Thrown to roll the dry run's transaction back once it has what it came for.
class DryRun extends Error {
  constructor(readonly preview: ListPreviewWithNewPeople) {
    super("dry run");
  }
}

/**
 * The preview of a list whose unknown employee numbers become new people: they are created inside a
 * transaction that is then rolled back, so every check (caps, eligibility, totals) runs exactly as the
 * apply would run it and nothing stays written. A row whose person could not be created carries why.
 */
export async function previewParticipantsWithNewPeople(
  db: Database,
  actor: Actor,
  planId: string,
  batch: ListBatch,
  rows: ParticipantRow[],
): Promise<ListPreviewWithNewPeople> {
  const table = await missingPeople(db, rows);
  if (table.rows.length === 0) return { ...(await previewParticipants(db, planId, batch, rows)), newPeople: [] };
  const people = await previewPersonImport(db, table);
  if (!people.ok) {
    const preview = await previewParticipants(db, planId, batch, rows);
    const byLine = new Map(people.rows.map((r) => [r.line, r.errors]));
    for (const row of preview.rows)
      for (const e of byLine.get(row.line) ?? [])
        row.errors.push({ code: e.code, message: e.message, details: { ...e.details, field: e.field } });
    return { ...preview, ok: false, newPeople: table.rows.map((r) => r.cells.employeeNo!) };
  }
  try {
    await db.transaction(async (tx) => {
      await applyPersonImportInTx(tx, actor, table);
      const newPeople = table.rows.map((r) => r.cells.employeeNo!);
      const preview = await previewParticipants(tx, planId, batch, rows);
      // Their ids exist only inside this transaction.
      for (const row of preview.rows) if (newPeople.includes(row.employeeNo)) row.personId = null;
      throw new DryRun({ ...preview, newPeople });
    });
  } catch (e) {
    if (e instanceof DryRun) return e.preview;
    throw e;
  }
  throw new Error("unreachable: the dry run always rolls back");
}

/** Creates the list's new people and applies the list in one transaction: either both are written or neither. */
export async function applyParticipantsWithNewPeople(
  db: Database,
  actor: Actor,
  planId: string,
  batch: ListBatch,
  rows: ParticipantRow[],
  sourceFileName?: string,
  options: ApplyOptions = {},
): Promise<ApplyResult & { peopleCreated: number }> {
  return db.transaction(async (tx) => {
    const table = await missingPeople(tx, rows);
    const created = table.rows.length ? (await applyPersonImportInTx(tx, actor, table, sourceFileName)).created : 0;
    return {
      ...(await applyParticipantsInTx(tx, actor, planId, batch, rows, sourceFileName, options)),
      peopleCreated: created,
    };
  });
}
