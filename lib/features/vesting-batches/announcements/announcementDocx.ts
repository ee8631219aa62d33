import "server-only";
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type {
  AnnouncementDocument,
  AnnouncementTable,
} from "@/lib/features/vesting-batches/announcements/announcementDocument";

/**
 * An announcement as a Word document (docx), laid out the way SSE announcements are: the code line,
 * the title centred in bold, the board's statement, numbered sections, tables with the 合计 row in
 * bold, the closing on the right, and the draft notice in the page footer.
 */

// Half-points: 小四 (12 pt) body, 三号 (16 pt) title, 五号 (10.5 pt) tables and footer.
const BODY = 24;
const TITLE = 32;
const SMALL = 21;
// The text width of docx's default A4 page with 1-inch margins, in twentieths of a point: 11906 − 2 × 1440.
const TEXT_WIDTH = 9026;

const text = (value: string, options: { bold?: boolean; size?: number; color?: string } = {}) =>
  new TextRun({ text: value, bold: options.bold, size: options.size, color: options.color });

function table(t: AnnouncementTable): Table {
  const last = t.rows.length - 1;
  const row = (cells: string[], bold: boolean, header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (c) =>
          new TableCell({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(c, { bold, size: SMALL })] })],
          }),
      ),
    });
  // Column widths as well as the percentage: LibreOffice and Google Docs collapse a table without them.
  const columns = t.header.length;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: Array.from({ length: columns }, () => Math.floor(TEXT_WIDTH / columns)),
    rows: [row(t.header, true, true), ...t.rows.map((r, i) => row(r, t.totalsRow && i === last, false))],
  });
}

/** The document's bytes (a docx is a zip of WordprocessingML parts). */
export async function announcementDocx(doc: AnnouncementDocument): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ children: [text(doc.codeLine, { size: SMALL })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [text(doc.title, { bold: true, size: TITLE })],
    }),
    new Paragraph({ spacing: { after: 240 }, children: [text(doc.statement, { bold: true })] }),
  ];
  for (const s of doc.sections) {
    body.push(new Paragraph({ spacing: { before: 240 }, children: [text(s.heading, { bold: true })] }));
    for (const p of s.paragraphs) body.push(new Paragraph({ indent: { firstLine: 480 }, children: [text(p)] }));
    for (const t of s.tables) body.push(table(t), new Paragraph({ children: [] }));
  }
  body.push(new Paragraph({ spacing: { before: 240 }, indent: { firstLine: 480 }, children: [text(doc.closing[0]!)] }));
  for (const line of doc.closing.slice(1))
    body.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(line)] }));

  const file = new Document({
    creator: "Vesting Desk",
    title: doc.title,
    description: doc.footer,
    styles: {
      default: {
        document: {
          run: { font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" }, size: BODY },
        },
      },
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [text(doc.footer, { size: SMALL, color: "808080" })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  const bytes = await Packer.toBuffer(file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
