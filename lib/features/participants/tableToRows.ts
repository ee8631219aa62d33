import "server-only";
import { ApiError } from "@/lib/platform/errors/apiError";
import {
  fieldOfHeader,
  MAX_LIST_ROWS,
  REQUIRED_FIELDS,
  type ParticipantRow,
} from "@/lib/features/participants/rowShape";

// A title line or two may precede the header ("激励对象名单"), so the header is searched for.
const HEADER_SEARCH_ROWS = 10;
const TOTAL_LABELS = new Set(["合计", "总计", "total"]);

/**
 * Turns a grid of cell texts (from CSV or XLSX) into rows: finds the header by its names, maps the
 * columns, drops blank and "合计" rows. `lineOf(i)` gives the row number users see for grid row i.
 */
export function tableToRows(table: string[][], lineOf: (index: number) => number = (i) => i + 1): ParticipantRow[] {
  const headerIndex = table
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => REQUIRED_FIELDS.every((f) => row.some((c) => fieldOfHeader(c) === f)));
  if (headerIndex < 0) {
    const seen = new Set((table[0] ?? []).map((c) => fieldOfHeader(c)).filter(Boolean));
    throw new ApiError(
      "MISSING_COLUMNS",
      "The file has no header row with 姓名/工号/类别/授予数量 (name, employee no., category, quantity).",
      {
        missing: REQUIRED_FIELDS.filter((f) => !seen.has(f)),
      },
    );
  }
  const columns = new Map<string, number>();
  table[headerIndex]!.forEach((c, i) => {
    const field = fieldOfHeader(c);
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const get = (row: string[], field: string) => {
    const i = columns.get(field);
    return i === undefined ? "" : (row[i] ?? "").trim();
  };
  const out: ParticipantRow[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
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
      position: get(row, "position"),
      categoryId: get(row, "categoryId"),
      quantity: get(row, "quantity"),
      ...(idNumber ? { idNumber } : {}),
    });
  }
  return out;
}
