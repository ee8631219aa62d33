import "server-only";
import ExcelJS from "exceljs";
import type { Download } from "@/lib/platform/http/downloadResponse";
import { PERSON_COLUMNS } from "@/lib/features/persons/personColumns";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "工号 Employee no. *": both languages in one header, which the importer reads back; * marks required. */
const header = (c: (typeof PERSON_COLUMNS)[number]) => `${c.zh} ${c.en}${c.required ? " *" : ""}`;

/**
 * The people file's template: the bilingual header and one example row (a fictional person with a valid
 * check digit), as XLSX with the ID and employee-number columns formatted as text so Excel keeps leading
 * zeros and the trailing X, or as UTF-8 CSV with a BOM so Excel opens the Chinese headers correctly.
 */
export async function personImportTemplate(format: "xlsx" | "csv"): Promise<Download> {
  const headers = PERSON_COLUMNS.map(header);
  const example = PERSON_COLUMNS.map((c) => c.example);
  if (format === "csv") {
    const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const text = `\uFEFF${[headers, example].map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`;
    return {
      filename: "人员导入模板.csv",
      asciiFilename: "people-template.csv",
      contentType: "text/csv; charset=utf-8",
      body: new TextEncoder().encode(text),
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("人员 People");
  sheet.columns = PERSON_COLUMNS.map((c, i) => ({
    header: headers[i],
    width: Math.max(12, headers[i]!.length + 4),
    style: c.field === "idNumber" || c.field === "employeeNo" ? { numFmt: "@" } : {},
  }));
  sheet.addRow(example);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return {
    filename: "人员导入模板.xlsx",
    asciiFilename: "people-template.xlsx",
    contentType: XLSX_TYPE,
    body: new Uint8Array(await workbook.xlsx.writeBuffer()),
  };
}
