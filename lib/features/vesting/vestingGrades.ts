import "server-only";
import { openUploadedWorkbook } from "@/lib/platform/uploads/uploadedWorkbook";
import { badRequest } from "@/lib/platform/errors/apiError";
import { cellText } from "@/lib/features/participants/xlsx";

/** One imported appraisal grade. */
export interface GradeRow {
  employeeNo: string;
  grade: string;
}

const EMPLOYEE_HEADER = /^(工号|员工编号|employee\s*no\.?|employee\s*number)$/i;
const GRADE_HEADER = /^(考核等级|考核结果|等级|grade|appraisal\s*grade)$/i;

/**
 * Grades from a table of cells: the header row is the first one naming both columns
 * (工号 / employee no., 考核等级 / grade); without one, the first two columns are read.
 */
export function tableToGrades(table: string[][]): GradeRow[] {
  const headerAt = table.findIndex(
    (cells) => cells.some((c) => EMPLOYEE_HEADER.test(c.trim())) && cells.some((c) => GRADE_HEADER.test(c.trim())),
  );
  const header = headerAt >= 0 ? table[headerAt]! : null;
  const noCol = header ? header.findIndex((c) => EMPLOYEE_HEADER.test(c.trim())) : 0;
  const gradeCol = header ? header.findIndex((c) => GRADE_HEADER.test(c.trim())) : 1;
  const out: GradeRow[] = [];
  for (const cells of table.slice(headerAt + 1)) {
    const employeeNo = (cells[noCol] ?? "").trim();
    const grade = (cells[gradeCol] ?? "").trim().toUpperCase();
    if (employeeNo === "" && grade === "") continue;
    if (employeeNo === "" || grade === "")
      throw badRequest("A grade row lacks the employee number or the grade.", { employeeNo, grade });
    out.push({ employeeNo, grade });
  }
  return out;
}

/** Grades from the first worksheet of an XLSX file (ExcelJS; formulas give their cached value). */
export async function parseGradesXlsx(bytes: Uint8Array): Promise<GradeRow[]> {
  const workbook = await openUploadedWorkbook(bytes);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest("The workbook has no worksheet.");
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(2, sheet.columnCount); c++) cells.push(cellText(row.getCell(c).value));
    table.push(cells);
  }
  return tableToGrades(table);
}

/** Grades from pasted CSV or tab-separated text (as copied from a spreadsheet). */
export function parseGradesCsv(text: string): GradeRow[] {
  const table = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split(/[,\t;，]/).map((c) => c.trim().replace(/^"(.*)"$/, "$1")));
  return tableToGrades(table);
}
