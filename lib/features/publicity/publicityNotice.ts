import "server-only";
import ExcelJS from "exceljs";
import { spreadsheetSafeText } from "@/lib/domain/registers/spreadsheetSafeText";

// Kept as an export here for existing importers; the function itself lives in the pure registers module.
export { spreadsheetSafeText };

/** What the publicity notice shows: the plan, the period and names with positions, never quantities or ID numbers. */
export interface PublicityNoticeContent {
  planName: string;
  startDate: string;
  endDate: string;
  entries: { name: string; position: string }[];
}

function setText(cell: ExcelJS.Cell, value: string) {
  // Explicit string value plus text number format: nothing in the notice is evaluated or reformatted.
  cell.value = spreadsheetSafeText(value);
  cell.numFmt = "@";
}

/** The publicity notice workbook: a title row, the period, then 序号 / 姓名 / 职务 columns. */
export async function buildPublicityNoticeXlsx(content: PublicityNoticeContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Vesting Desk";
  const ws = wb.addWorksheet("公示名单 Notice", {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 10 }, { width: 24 }, { width: 40 }];

  ws.mergeCells("A1:C1");
  setText(ws.getCell("A1"), `${content.planName} 激励对象名单公示 Publicity of the participant list`);
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.mergeCells("A2:C2");
  setText(ws.getCell("A2"), `公示期 Period: ${content.startDate} – ${content.endDate}`);

  const header = ws.getRow(4);
  ["序号 No.", "姓名 Name", "职务 Position"].forEach((label, i) => setText(header.getCell(i + 1), label));
  header.font = { bold: true };

  content.entries.forEach((e, i) => {
    const row = ws.getRow(5 + i);
    setText(row.getCell(1), String(i + 1));
    setText(row.getCell(2), e.name);
    setText(row.getCell(3), e.position);
  });
  const bytes = await wb.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
