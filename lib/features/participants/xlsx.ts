import "server-only";
import type ExcelJS from "exceljs";
import { badRequest } from "@/lib/platform/errors/apiError";
import { openUploadedWorkbook } from "@/lib/platform/uploads/uploadedWorkbook";
import type { ParticipantRow } from "@/lib/features/participants/rowShape";
import { tableToRows } from "@/lib/features/participants/tableToRows";

/** Plain text of one cell whatever ExcelJS holds: formulas give their cached result and are never evaluated. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue);
  return "";
}

/** Participant rows of the first worksheet of an XLSX file; line numbers are the sheet's row numbers. */
export async function parseParticipantXlsx(bytes: Uint8Array): Promise<ParticipantRow[]> {
  const workbook = await openUploadedWorkbook(bytes);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest("The workbook has no worksheet.");
  return tableToRows(worksheetTable(sheet), (i) => i + 1);
}

/** Every cell of a worksheet as text, row by row (row i of the result is the sheet's row i + 1). */
export function worksheetTable(sheet: ExcelJS.Worksheet): string[][] {
  const table: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    table.push(cells);
  }
  return table;
}

/** True when the bytes start like a ZIP archive, as every XLSX file does. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
