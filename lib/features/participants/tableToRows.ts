import "server-only";
import { ApiError } from "@/lib/platform/errors/apiError";
import { findHeaderRow } from "@/lib/features/imports/missingColumns";
import { PARTICIPANT_COLUMNS, participantFieldOfHeader } from "@/lib/features/participants/participantColumns";
import { MAX_LIST_ROWS, type ParticipantField, type ParticipantRow } from "@/lib/features/participants/rowShape";

const TOTAL_LABELS = new Set(["合计", "总计", "total"]);

/**
 * Turns a grid of cell texts (from CSV or XLSX) into rows: finds the header by its names (refusing with
 * MISSING_COLUMNS naming any required column it lacks), maps the columns, drops blank and "合计" rows.
 * A row has a position only when the file has a position column. `lineOf(i)` gives the row number
 * users see for grid row i.
 */
export function tableToRows(table: string[][], lineOf: (index: number) => number = (i) => i + 1): ParticipantRow[] {
  const header = findHeaderRow(table, { columns: PARTICIPANT_COLUMNS, fieldOf: participantFieldOfHeader });
  const get = (row: string[], field: ParticipantField) => {
    const i = header.columns.get(field);
    return i === undefined ? "" : (row[i] ?? "").trim();
  };
  const hasPosition = header.columns.has("position");
  const out: ParticipantRow[] = [];
  for (let i = header.index + 1; i < table.length; i++) {
    const row = table[i]!;
    if (row.every((c) => c.trim() === "")) continue;
    if (get(row, "employeeNo") === "" && TOTAL_LABELS.has(get(row, "name").toLowerCase())) continue;
    if (out.length >= MAX_LIST_ROWS)
      throw new ApiError("TOO_MANY_ROWS", `A list may have at most ${MAX_LIST_ROWS} rows.`, { limit: MAX_LIST_ROWS });
    const idNumber = get(row, "idNumber");
    out.push({
      line: lineOf(i),
      employeeNo: get(row, "employeeNo"),
      name: get(row, "name"),
      nationality: get(row, "nationality"),
      ...(hasPosition ? { position: get(row, "position") } : {}),
      categoryId: get(row, "categoryId"),
      quantity: get(row, "quantity"),
      ...(idNumber ? { idNumber } : {}),
    });
  }
  return out;
}
