import "server-only";
import { z } from "zod";
import { text } from "@/lib/platform/validation/common";

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
  position: string;
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
  position: optionalCell,
  categoryId: cell,
  quantity: cell,
  idNumber: optionalCell,
});

/** JSON rows (numbers or text) into the shared row shape, numbered from 1. */
export function rowsFromJson(rows: z.input<typeof participantRowInputSchema>[]): ParticipantRow[] {
  return rows.map((raw, i) => {
    const { idNumber, ...r } = participantRowInputSchema.parse(raw);
    return { line: i + 1, ...r, ...(idNumber ? { idNumber } : {}) };
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
});

type Field = Exclude<keyof ParticipantRow, "line">;

// Header names of the China-format list and their English equivalents, compared after normalising.
const HEADERS: Record<Field, string[]> = {
  name: ["姓名", "name", "full name"],
  employeeNo: [
    "工号",
    "员工编号",
    "员工工号",
    "employee no.",
    "employee no",
    "employee number",
    "employeeno",
    "employee id",
  ],
  nationality: ["国籍", "nationality"],
  position: ["职务", "职位", "position", "title"],
  categoryId: ["类别", "激励对象类别", "类别代码", "category", "category code", "categoryid"],
  quantity: [
    "授予数量",
    "获授数量",
    "拟授予数量",
    "获授的限制性股票数量",
    "quantity",
    "granted quantity",
    "grant quantity",
  ],
  idNumber: ["身份证号", "身份证号码", "证件号码", "证件号", "id number", "id no.", "id no", "idnumber"],
};

/** Lower case, no spaces, no unit in brackets ("授予数量（股）" -> "授予数量"). */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[（(【[].*?[)）】\]]/g, "")
    .replace(/[\s_*:：]/g, "")
    .toLowerCase();
}

const HEADER_LOOKUP = new Map<string, Field>(
  (Object.entries(HEADERS) as [Field, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [normaliseHeader(n), field] as [string, Field]),
  ),
);

/** The field a header cell names, if any. */
export function fieldOfHeader(h: string): Field | undefined {
  return HEADER_LOOKUP.get(normaliseHeader(h));
}

/** Fields a list file must have columns for. */
export const REQUIRED_FIELDS: Field[] = ["employeeNo", "name", "categoryId", "quantity"];
