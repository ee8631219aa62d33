import "server-only";
import { z } from "zod";
import { text } from "@/lib/platform/validation/common";
import { acceptWarningsSchema } from "@/lib/features/imports/importWarnings";

/**
 * Most rows a list may have. A STAR plan's list is usually a few hundred people, but the largest
 * issuers grant to thousands; 10,000 rows preview and apply in a few seconds (BENCHMARKS.md, P4).
 */
export const MAX_LIST_ROWS = 10_000;

/**
 * One participant row as read from XLSX, CSV or JSON, before validation. Every value is text:
 * numbers are checked by the validator, so a spreadsheet's "1,000" and JSON's 1000 end up alike.
 */
export interface ParticipantRow {
  /** Spreadsheet row number (1-based, header included) or JSON position (1-based). */
  line: number;
  employeeNo: string;
  name: string;
  nationality: string;
  /**
   * Absent when the source has no position column (JSON: no position given): the HR record's position
   * is then listed and published, which the preview warns about (POSITION_COLUMN_MISSING).
   */
  position?: string;
  /** Category code as listed ("1"), or a category id. */
  categoryId: string;
  quantity: string;
  /** Optional ID number, only compared with the stored one; never stored or echoed. */
  idNumber?: string;
}

const cell = z.union([z.string().max(200), z.number()]).transform((v) => String(v).trim());
const optionalCell = z
  .union([z.string().max(200), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? "" : String(v).trim()));

/** One row of the JSON body. */
export const participantRowInputSchema = z.object({
  employeeNo: cell,
  name: cell,
  nationality: optionalCell,
  position: z
    .union([z.string().max(200), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? undefined : String(v).trim())),
  categoryId: cell,
  quantity: cell,
  idNumber: optionalCell,
});

/** JSON rows (numbers or text) into the shared row shape, numbered from 1. */
export function rowsFromJson(rows: z.input<typeof participantRowInputSchema>[]): ParticipantRow[] {
  return rows.map((raw, i) => {
    const { idNumber, position, ...r } = participantRowInputSchema.parse(raw);
    return { line: i + 1, ...r, ...(position === undefined ? {} : { position }), ...(idNumber ? { idNumber } : {}) };
  });
}

/** Batch of a list: the first grant or the reserve. */
export const batchSchema = z.enum(["first", "reserved"]);
export type ListBatch = z.infer<typeof batchSchema>;

/** Body of POST /api/v1/plans/{planId}/participants as JSON. */
export const participantsBodySchema = z.object({
  rows: z.array(participantRowInputSchema).max(MAX_LIST_ROWS),
  dryRun: z.boolean().optional(),
  batch: batchSchema.optional(),
  sourceFileName: text().max(200).optional(),
  acceptWarnings: acceptWarningsSchema.optional(),
  /** Employee numbers nobody has become new person records (name, position, nationality from the row). */
  createMissingPersons: z.boolean().optional(),
});

/** A column of the list, by the row field it fills. */
export type ParticipantField = Exclude<keyof ParticipantRow, "line">;

export { normaliseHeader } from "@/lib/features/imports/importColumns";
export { participantFieldOfHeader as fieldOfHeader } from "@/lib/features/participants/participantColumns";
