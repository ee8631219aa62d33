import "server-only";
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { participantListEntries, participantListVersions, plans } from "@/db/schema";
import { ApiError, badRequest, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit, canonicalJson } from "@/lib/platform/auditTrail";
import { CAP_WRITE_LOCK as GRANT_WRITE_LOCK } from "@/lib/features/plans/capInputs";
import { markVerificationsStale } from "@/lib/features/publicity/verification";
import type { Actor } from "@/lib/auth/actor";
import { parseParticipantCsv } from "@/lib/features/participants/csv";
import { assertWarningsAccepted } from "@/lib/features/imports/importWarnings";
import { latestListVersion } from "@/lib/features/participants/listVersions";
import type { ListBatch, ParticipantRow } from "@/lib/features/participants/rowShape";
import { validateRows, type ListPreview } from "@/lib/features/participants/validateRows";
import { looksLikeXlsx, parseParticipantXlsx } from "@/lib/features/participants/xlsx";

export { listParticipantVersions, listVersionDiff } from "@/lib/features/participants/listVersions";
export type { ListDiff, ListEntryDto, ListVersionDto } from "@/lib/features/participants/listVersions";
export { participantsBodySchema, rowsFromJson, batchSchema } from "@/lib/features/participants/rowShape";
export type { ListBatch, ParticipantRow } from "@/lib/features/participants/rowShape";
export type { ListError, ListPreview, PreviewRow } from "@/lib/features/participants/validateRows";
export type { ImportWarning } from "@/lib/features/imports/importWarnings";

/** Largest list file accepted (a 10,000-row XLSX with ID numbers is about 0.4 MB). */
export const MAX_LIST_FILE_BYTES = 5_000_000;

/** How an apply is asked for beyond its rows. */
export interface ApplyOptions {
  /** Codes of the preview's warnings the user accepted (e.g. POSITION_COLUMN_MISSING). */
  acceptWarnings?: readonly string[];
}

/** Result of applying a list: the version now current, and whether this call wrote it. */
export interface ApplyResult {
  versionId: string;
  version: number;
  previousVersion: number | null;
  unchanged: boolean;
  people: number;
  total: number;
}

/** Rows of an uploaded XLSX or CSV file (told apart by content, not by name), in the shared row shape. */
export async function parseParticipantFile(bytes: Uint8Array, fileName = ""): Promise<ParticipantRow[]> {
  if (bytes.length === 0) throw badRequest("The file is empty.");
  if (bytes.length > MAX_LIST_FILE_BYTES)
    throw new ApiError("FILE_TOO_LARGE", "The file is larger than 5 MB.", { limit: MAX_LIST_FILE_BYTES });
  if (looksLikeXlsx(bytes)) return parseParticipantXlsx(bytes);
  if (/\.(xlsx|xls)$/i.test(fileName))
    throw badRequest(
      "The file is not a readable XLSX workbook (old .xls files are not supported; save as .xlsx or CSV).",
    );
  return parseParticipantCsv(bytes);
}

/** Validates a list for a plan's first grant or reserve and reports every problem, writing nothing. */
export async function previewParticipants(
  db: Database | Transaction,
  planId: string,
  batch: ListBatch,
  rows: ParticipantRow[],
): Promise<ListPreview> {
  return validateRows(db, planId, batch, rows);
}

/**
 * Writes the list as the batch's next version, all or nothing: any row or list error refuses the
 * whole file (422, every error in details), and so does a warning the caller did not accept
 * (WARNINGS_NOT_ACCEPTED). The same content as the latest version is a no-op.
 */
export async function applyParticipants(
  db: Database,
  actor: Actor,
  planId: string,
  batch: ListBatch,
  rows: ParticipantRow[],
  sourceFileName?: string,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  return db.transaction((tx) => applyParticipantsInTx(tx, actor, planId, batch, rows, sourceFileName, options));
}

/** The same inside a caller's transaction (one that first creates the list's new people). */
export async function applyParticipantsInTx(
  tx: Transaction,
  actor: Actor,
  planId: string,
  batch: ListBatch,
  rows: ParticipantRow[],
  sourceFileName?: string,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  // A list counts towards each person's 1 % across all plans and against the reserve left after
  // grants, so lists and grants write under the same lock as grants do: without it, two lists for
  // different plans could each pass the cap check and together exceed it. Taken first, before the
  // plan row, in the same order as grants, so the two never deadlock.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${GRANT_WRITE_LOCK})`);
  // Locking the plan serialises version numbering for concurrent uploads.
  const [plan] = await tx.select({ status: plans.status }).from(plans).where(eq(plans.id, planId)).for("update");
  if (!plan) throw notFound("Plan");
  if (plan.status === "closed" || plan.status === "expired")
    throw new ApiError("PLAN_CLOSED", "The plan has ended; its lists can no longer change.", { status: plan.status });
  const preview = await validateRows(tx, planId, batch, rows);
  if (!preview.ok) {
    const rowErrors = preview.rows
      .filter((r) => r.errors.length > 0)
      .map((r) => ({ line: r.line, employeeNo: r.employeeNo, errors: r.errors }));
    const first = rowErrors[0]?.errors[0] ?? preview.listErrors[0]!;
    throw new ApiError("INVALID_PARTICIPANT_LIST", `The list has errors (first: ${first.code}); nothing was written.`, {
      rows: rowErrors,
      listErrors: preview.listErrors,
      summary: preview.summary,
    });
  }
  assertWarningsAccepted(preview.warnings, options.acceptWarnings ?? []);
  const entries = preview.rows
    .map((r) => ({
      personId: r.personId!,
      categoryId: r.categoryId!,
      name: r.name,
      position: r.position,
      nationality: r.nationality,
      quantity: r.quantity!,
    }))
    .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  const contentHash = crypto.createHash("sha256").update(canonicalJson(entries)).digest("hex");
  const people = entries.length;
  const total = entries.reduce((s, e) => s + e.quantity, 0);
  const latest = await latestListVersion(tx, planId, batch);
  if (latest && latest.contentHash === contentHash) {
    return {
      versionId: latest.id,
      version: latest.version,
      previousVersion: latest.version,
      unchanged: true,
      people,
      total,
    };
  }
  const version = (latest?.version ?? 0) + 1;
  const [row] = await tx
    .insert(participantListVersions)
    .values({ planId, batch, version, contentHash, sourceFileName: sourceFileName ?? null, createdBy: actor.userId })
    .returning({ id: participantListVersions.id });
  await insertListEntries(tx, row!.id, entries);
  // A list changed after verification needs a new verification: earlier opinions on this batch go stale.
  await markVerificationsStale(tx, planId, row!.id);
  await appendAudit(tx, {
    actorUserId: actor.userId,
    action: "participants.apply",
    entityType: "participant_list_version",
    entityId: row!.id,
    before: latest ? { planId, batch, version: latest.version } : null,
    after: { planId, batch, version, people, total, sourceFileName: sourceFileName ?? null },
    ip: actor.ip,
  });
  return { versionId: row!.id, version, previousVersion: latest?.version ?? null, unchanged: false, people, total };
}

type ListEntry = {
  personId: string;
  categoryId: string;
  name: string;
  position: string;
  nationality: string;
  quantity: number;
};

/**
 * All entries in one statement with the rows as one json parameter: a VALUES list binds 7 values per
 * entry, passes PostgreSQL's 65,535-parameter limit at 9,363 rows and costs seconds to build and bind.
 */
async function insertListEntries(tx: Transaction, listVersionId: string, entries: ListEntry[]): Promise<void> {
  const json = JSON.stringify(
    entries.map((e) => ({
      person_id: e.personId,
      category_id: e.categoryId,
      name: e.name,
      position: e.position,
      nationality: e.nationality,
      quantity: e.quantity,
    })),
  );
  await tx.execute(sql`INSERT INTO ${participantListEntries} (list_version_id, person_id, category_id, name, position, nationality, quantity)
    SELECT ${listVersionId}::uuid, e.person_id, e.category_id, e.name, e.position, e.nationality, e.quantity
    FROM json_to_recordset(${json}::json) AS e(person_id uuid, category_id uuid, name text, position text, nationality text, quantity bigint)`);
}
