import "server-only";
import { ApiError } from "@/lib/platform/errors/apiError";
import { findHeaderRow } from "@/lib/features/imports/missingColumns";
import { uploadedTable } from "@/lib/features/participants/uploadedTable";
import { MAX_LIST_ROWS } from "@/lib/features/participants/rowShape";
import { PERSON_COLUMNS, personFieldOfHeader, type PersonField } from "@/lib/features/persons/personColumns";

/** Largest people file accepted: 10,000 people with ID numbers fit in well under 2 MB. */
export const MAX_PERSON_FILE_BYTES = 5_000_000;

/** One row of the people file: the cells of the columns the file has, as text. */
export interface PersonImportRow {
  line: number;
  cells: Partial<Record<PersonField, string>>;
}

/** What a file holds: its rows and which columns it had (an absent column leaves that field alone). */
export interface PersonTable {
  columns: PersonField[];
  rows: PersonImportRow[];
}

/**
 * Finds the header (title lines may precede it), maps the columns and drops blank rows. Only the employee
 * no. and the name are required columns: a file may update recorded people without repeating the rest.
 */
export function personTable(table: string[][], lineOf: (index: number) => number = (i) => i + 1): PersonTable {
  const header = findHeaderRow(table, {
    columns: PERSON_COLUMNS,
    fieldOf: personFieldOfHeader,
    required: ["employeeNo", "name"],
  });
  const at = header.columns;
  const headerIndex = header.index;
  const rows: PersonImportRow[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const row = table[i]!;
    if (row.every((c) => c.trim() === "")) continue;
    if (rows.length >= MAX_LIST_ROWS)
      throw new ApiError("TOO_MANY_ROWS", `A file may have at most ${MAX_LIST_ROWS} rows.`, { limit: MAX_LIST_ROWS });
    const cells: PersonImportRow["cells"] = {};
    for (const [field, index] of at) cells[field] = (row[index] ?? "").trim();
    rows.push({ line: lineOf(i), cells });
  }
  return { columns: [...at.keys()], rows };
}

/** The rows of an uploaded XLSX (first sheet) or CSV file, told apart by content, not by name. */
export async function parsePersonFile(bytes: Uint8Array, fileName = ""): Promise<PersonTable> {
  if (bytes.length > MAX_PERSON_FILE_BYTES)
    throw new ApiError("FILE_TOO_LARGE", "The file is larger than 5 MB.", { limit: MAX_PERSON_FILE_BYTES });
  return personTable(await uploadedTable(bytes, fileName));
}

/** JSON rows (keyed by field name) as a table; the columns are every field any row names. */
export function personTableFromJson(rows: Partial<Record<PersonField, string>>[]): PersonTable {
  const columns = PERSON_COLUMNS.map((c) => c.field).filter((f) => rows.some((r) => r[f] !== undefined));
  return { columns, rows: rows.map((cells, i) => ({ line: i + 1, cells })) };
}
