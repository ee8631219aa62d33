import "server-only";
import { badRequest } from "@/lib/platform/errors/apiError";
import { openUploadedWorkbook } from "@/lib/platform/uploads/uploadedWorkbook";
import { looksLikeXlsx, worksheetTable } from "@/lib/features/participants/xlsx";
import { decodeCsv, parseCsvTable } from "@/lib/features/participants/csv";

/**
 * The cells of an uploaded XLSX (first sheet) or CSV file as text, told apart by content, not by name:
 * a file named .xlsx that is not a workbook is refused rather than read as CSV.
 */
export async function uploadedTable(bytes: Uint8Array, fileName = ""): Promise<string[][]> {
  if (bytes.length === 0) throw badRequest("The file is empty.");
  if (!looksLikeXlsx(bytes)) {
    if (/\.(xlsx|xls)$/i.test(fileName))
      throw badRequest("The file is not a readable XLSX workbook (save it as .xlsx or CSV).");
    return parseCsvTable(decodeCsv(bytes));
  }
  const sheet = (await openUploadedWorkbook(bytes)).worksheets[0];
  if (!sheet) throw badRequest("The workbook has no worksheet.");
  return worksheetTable(sheet);
}
