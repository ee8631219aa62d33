import "server-only";
import { ApiError } from "@/lib/platform/errors/apiError";
import { columnLabelEn, type ImportColumn } from "@/lib/features/imports/importColumns";

// A title line or two may precede the header ("激励对象名单"), so the header is searched for.
const HEADER_SEARCH_ROWS = 10;

/** The header row of a grid: its index and the column index of each field it names (the first, if twice). */
export interface HeaderRow<F extends string> {
  index: number;
  columns: Map<F, number>;
}

/** Where each field's column is in one row of header cells. */
function columnsOf<F extends string>(row: readonly string[], fieldOf: (h: string) => F | undefined): Map<F, number> {
  const at = new Map<F, number>();
  row.forEach((cell, i) => {
    const field = fieldOf(cell);
    if (field && !at.has(field)) at.set(field, i);
  });
  return at;
}

/**
 * Finds the header among the first rows: the first row naming every required column. Without one, the
 * row naming the most known columns stands for the header the user meant, and the refusal names the
 * required columns it lacks (MISSING_COLUMNS), in both languages.
 */
export function findHeaderRow<F extends string>(
  table: readonly (readonly string[])[],
  spec: {
    columns: readonly ImportColumn<F>[];
    fieldOf: (header: string) => F | undefined;
    /** Defaults to the columns marked required. */
    required?: readonly F[];
    searchRows?: number;
  },
): HeaderRow<F> {
  const required = spec.required ?? spec.columns.filter((c) => c.required).map((c) => c.field);
  let best: HeaderRow<F> | null = null;
  for (const [index, row] of table.slice(0, spec.searchRows ?? HEADER_SEARCH_ROWS).entries()) {
    const columns = columnsOf(row, spec.fieldOf);
    if (required.every((f) => columns.has(f))) return { index, columns };
    if (!best || columns.size > best.columns.size) best = { index, columns };
  }
  throw missingColumnsError(
    spec.columns,
    required.filter((f) => !best?.columns.has(f)),
  );
}

/**
 * MISSING_COLUMNS naming the columns: `details.missing` holds their field codes, `missingZh` and
 * `missingEn` the names the error table's texts fill in ("缺少必填列：授予数量" /
 * "Missing required column: Quantity (授予数量)").
 */
export function missingColumnsError<F extends string>(columns: readonly ImportColumn<F>[], missing: readonly F[]) {
  const named = missing.map((f) => columns.find((c) => c.field === f)!);
  const missingZh = named.map((c) => c.zh).join("、");
  const missingEn = named.map(columnLabelEn).join(", ");
  return new ApiError("MISSING_COLUMNS", `Missing required column: ${missingEn}.`, {
    missing: [...missing],
    missingZh,
    missingEn,
  });
}
