import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { persons } from "@/db/schema";
import { ApiError } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { encryptIdNumber } from "@/lib/platform/idNumberCipher";
import type { Actor } from "@/lib/auth/actor";
import { issuerOf } from "@/lib/features/plans/issuerOfPlan";
import type { PersonField } from "@/lib/features/persons/personColumns";
import type { PersonTable } from "@/lib/features/persons/personFile";
import {
  planPersonRow,
  problem,
  type PersonRowError,
  type PersonRowPlan,
} from "@/lib/features/persons/personImportRows";

/** One row of the preview: what applying would do to that person, and what is wrong with it. */
export interface PersonPreviewRow {
  line: number;
  employeeNo: string;
  name: string;
  personId: string | null;
  action: "create" | "update" | "unchanged";
  changes: PersonField[];
  errors: PersonRowError[];
}

/** The dry run of a people file: every row, and the counts the confirmation shows. */
export interface PersonImportPreview {
  ok: boolean;
  columns: PersonField[];
  rows: PersonPreviewRow[];
  summary: { rows: number; create: number; update: number; unchanged: number; errorRows: number };
}

/** What applying wrote. */
export interface PersonImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

// Imports of people serialise among themselves, so two files adding the same new numbers cannot interleave.
const PERSON_IMPORT_LOCK = 7_021_001;

type Planned = { preview: PersonImportPreview; plans: (PersonRowPlan & { personId: string | null })[] };

async function planFile(db: Database | Transaction, table: PersonTable): Promise<Planned> {
  const numbers = [...new Set(table.rows.map((r) => r.cells.employeeNo ?? "").filter(Boolean))];
  const existing = numbers.length ? await db.select().from(persons).where(inArray(persons.employeeNo, numbers)) : [];
  const byNo = new Map(existing.map((p) => [p.employeeNo, p]));
  const firstLine = new Map<string, number>();
  const plans: Planned["plans"] = [];
  const rows = table.rows.map((row): PersonPreviewRow => {
    const employeeNo = row.cells.employeeNo ?? "";
    const current = byNo.get(employeeNo) ?? null;
    const plan = planPersonRow(row, current);
    const seen = firstLine.get(employeeNo);
    if (employeeNo && seen !== undefined)
      plan.errors.push(
        problem("DUPLICATE_PERSON", "employeeNo", `Employee no. ${employeeNo} is already on line ${seen}.`, {
          firstLine: seen,
        }),
      );
    else if (employeeNo) firstLine.set(employeeNo, row.line);
    plans.push({ ...plan, personId: current?.id ?? null });
    return {
      line: row.line,
      employeeNo,
      name: row.cells.name ?? current?.name ?? "",
      personId: current?.id ?? null,
      action: !current ? "create" : plan.changes.length > 0 ? "update" : "unchanged",
      changes: plan.changes,
      errors: plan.errors,
    };
  });
  const count = (a: PersonPreviewRow["action"]) => rows.filter((r) => r.action === a).length;
  const errorRows = rows.filter((r) => r.errors.length > 0).length;
  const empty = rows.length === 0;
  return {
    preview: {
      ok: errorRows === 0 && !empty,
      columns: table.columns,
      rows,
      summary: {
        rows: rows.length,
        create: count("create"),
        update: count("update"),
        unchanged: count("unchanged"),
        errorRows,
      },
    },
    plans,
  };
}

/** Checks a people file and says what it would create and change, writing nothing. */
export async function previewPersonImport(db: Database, table: PersonTable): Promise<PersonImportPreview> {
  return (await planFile(db, table)).preview;
}

/**
 * Applies a people file all or nothing: any row error refuses the whole file (422, every row's errors in
 * details). New people are created, recorded ones get the fields whose cells differ; one audit row.
 */
export async function applyPersonImport(
  db: Database,
  actor: Actor,
  table: PersonTable,
  sourceFileName?: string,
): Promise<PersonImportResult> {
  return db.transaction(async (tx) => applyPersonImportInTx(tx, actor, table, sourceFileName));
}

/** The same inside a caller's transaction (a participant list may create its new people first). */
export async function applyPersonImportInTx(
  tx: Transaction,
  actor: Actor,
  table: PersonTable,
  sourceFileName?: string,
): Promise<PersonImportResult> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${PERSON_IMPORT_LOCK})`);
  const { preview, plans } = await planFile(tx, table);
  if (!preview.ok) {
    const rows = preview.rows
      .filter((r) => r.errors.length > 0)
      .map(({ line, employeeNo, errors }) => ({ line, employeeNo, errors }));
    throw new ApiError(
      "INVALID_PERSON_FILE",
      rows.length
        ? `The file has errors (first on line ${rows[0]!.line}: ${rows[0]!.errors[0]!.code}); nothing was written.`
        : "The file has no rows.",
      { rows, summary: preview.summary },
    );
  }
  const sealed = (p: PersonRowPlan) =>
    p.idNumber === null ? {} : { idNumberEnc: encryptIdNumber(p.idNumber), idNumberLast4: p.idNumber.slice(-4) };
  const creates = plans.filter((p) => p.personId === null);
  if (creates.length > 0) {
    const issuerId = await issuerOf(tx, null);
    for (let i = 0; i < creates.length; i += 500)
      await tx
        .insert(persons)
        .values(
          creates
            .slice(i, i + 500)
            .map((p) => ({ ...(p.values as typeof persons.$inferInsert), ...sealed(p), issuerId })),
        );
  }
  const updates = plans.filter((p) => p.personId !== null && p.changes.length > 0);
  for (const p of updates)
    await tx
      .update(persons)
      .set({ ...p.values, ...sealed(p), updatedAt: new Date() })
      .where(sql`${persons.id} = ${p.personId}`);
  const result = { created: creates.length, updated: updates.length, unchanged: preview.summary.unchanged };
  await appendAudit(tx, {
    actorUserId: actor.userId,
    action: "person.import",
    entityType: "person",
    entityId: null,
    ip: actor.ip,
    before: null,
    after: {
      ...result,
      sourceFileName: sourceFileName ?? null,
      // The ID number is never in the trail: a change to it is named, not shown.
      rows: preview.rows
        .filter((r) => r.action !== "unchanged")
        .map((r) => ({ employeeNo: r.employeeNo, action: r.action, changes: r.changes })),
    },
  });
  return result;
}
