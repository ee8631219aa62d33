import "server-only";
import ExcelJS from "exceljs";
import { csvRecord } from "@/lib/domain/registers/registerCell";
import type { Download } from "@/lib/platform/http/downloadResponse";
import { templateHeader, type ImportColumn } from "@/lib/features/imports/importColumns";

/** Formats an import template is offered in. */
export type TemplateFormat = "xlsx" | "csv";

/** An import's template: its columns in file order, the sheet's name and the notes sheet's extra lines. */
export interface ImportTemplate<F extends string = string> {
  columns: readonly ImportColumn<F>[];
  /** The data sheet's name, e.g. "激励对象名单 Participants". */
  sheetName: string;
  /** File name without extension, Chinese allowed, and its ASCII fallback. */
  fileStem: string;
  asciiStem: string;
  /** Lines after the column table on the notes sheet (XLSX only), each "中文 English". */
  notes?: readonly string[];
}

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
const REQUIRED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE2E1" } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
const LEGEND = "带 * 的列为必填列，其余为选填列。 Columns marked * are required; the others are optional.";

/** The example row: whole numbers in ordinary columns as numbers (as a user would type them), the rest as text. */
function exampleCell(column: ImportColumn): string | number {
  return !column.text && /^[1-9]\d{0,14}$/.test(column.example) ? Number(column.example) : column.example;
}

/**
 * The template as a workbook: the data sheet has the bilingual header (required columns marked with * and
 * shaded) and one example row, with text columns formatted as text; a second sheet explains each column.
 * The importer reads the first sheet only, so the notes never become rows.
 */
export async function templateXlsx(template: ImportTemplate): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(template.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  template.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(14, templateHeader(c).length + 4);
    if (c.text) column.numFmt = "@";
  });
  const header = sheet.addRow(template.columns.map(templateHeader));
  header.font = { bold: true };
  template.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = c.required ? REQUIRED_FILL : OPTIONAL_FILL;
    cell.note = c.required ? "必填 Required" : "选填 Optional";
  });
  sheet.addRow(template.columns.map(exampleCell));

  const notes = workbook.addWorksheet("填写说明 Notes");
  notes.columns = [{ width: 28 }, { width: 16 }, { width: 90 }];
  notes.addRow([LEGEND]).font = { bold: true };
  notes.addRow(["列 Column", "必填 Required", "说明 What to enter"]).font = { bold: true };
  for (const c of template.columns)
    notes.addRow([
      templateHeader(c),
      c.required ? "必填 Required" : "选填 Optional",
      c.hint ? `${c.hint.zh} ${c.hint.en}` : "",
    ]);
  for (const line of template.notes ?? []) notes.addRow([line]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The template as CSV: UTF-8 with a byte order mark (so Excel reads the Chinese), the header and the example row. */
export function templateCsv(template: ImportTemplate): Uint8Array {
  const text =
    "\uFEFF" + csvRecord(template.columns.map(templateHeader)) + csvRecord(template.columns.map((c) => c.example));
  return new TextEncoder().encode(text);
}

/** The template in the asked format, as a download. */
export async function templateDownload(template: ImportTemplate, format: TemplateFormat): Promise<Download> {
  return {
    filename: `${template.fileStem}.${format}`,
    asciiFilename: `${template.asciiStem}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: format === "xlsx" ? await templateXlsx(template) : templateCsv(template),
  };
}
