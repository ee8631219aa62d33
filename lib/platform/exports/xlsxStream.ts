import "server-only";
import { Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import ExcelJS from "exceljs";
import { spreadsheetSafeText } from "@/lib/domain/registers/spreadsheetSafeText";
import type { RegisterCell } from "@/lib/domain/registers/registerCell";
import { awaitCompression } from "@/lib/platform/exports/sheetXmlBacklog";

/** An XLSX sheet to stream: its name, header and the pages of rows. */
export interface XlsxSheet {
  name: string;
  header: readonly string[];
  /** Pages of rows; a page may make its rows as they are read. */
  pages: AsyncIterable<Iterable<readonly RegisterCell[]>>;
}

// One style object per number format, shared by every cell that uses it: ExcelJS finds a shared
// style's id by object identity instead of serialising a fresh style for each of millions of cells.
const plainStyles = new Map<string, Partial<ExcelJS.Style>>();
const boldStyles = new Map<string, Partial<ExcelJS.Style>>();
function styleOf(numFmt: string, bold: boolean): Partial<ExcelJS.Style> {
  const styles = bold ? boldStyles : plainStyles;
  let style = styles.get(numFmt);
  if (!style) {
    style = bold ? { numFmt, font: { bold: true } } : { numFmt };
    styles.set(numFmt, style);
  }
  return style;
}

// Rows carry no style of their own. A new ExcelJS row starts with a fresh empty style object, which
// the identity lookup above cannot recognise, so each row's style would be serialised to find its id
// (0); one shared empty object is looked up by identity instead. Frozen: ExcelJS only reads it.
const NO_ROW_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

// XML 1.0 cannot carry these characters at all: a workbook holding one would not open. They are
// dropped before the formula check, so a trigger they hid ("\u0001=...") still earns the quote.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Any character the pattern above could match (surrogates paired or not): almost no text has one,
// and this simple test is cheaper than the lookarounds for each of millions of cells.
const XML_SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const xlsxText = (value: string) =>
  spreadsheetSafeText(XML_SUSPECT.test(value) ? value.replace(XML_ILLEGAL, "") : value);

function writeCell(cell: ExcelJS.Cell, value: RegisterCell, bold: boolean): void {
  if (value === null) return;
  if (typeof value === "string") {
    // A string value with the text format: never a formula, never re-typed by the spreadsheet.
    cell.value = xlsxText(value);
    cell.style = styleOf("@", bold);
    return;
  }
  const n = typeof value === "number" ? value : Number(value.value);
  if (!Number.isFinite(n)) {
    cell.value = xlsxText(typeof value === "number" ? String(value) : value.value);
    cell.style = styleOf("@", bold);
    return;
  }
  cell.value = n;
  cell.style = styleOf(typeof value === "number" ? "#,##0" : value.numFmt, bold);
}

function writeRow(ws: ExcelJS.Worksheet, cells: readonly RegisterCell[], bold = false): void {
  const row = ws.addRow([]);
  // Row.style exists at run time but is missing from ExcelJS's typings.
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = NO_ROW_STYLE;
  const last = cells.length - 1;
  for (let i = 0; i <= last; i++) {
    const value = cells[i] ?? null;
    // An empty cell inside the row writes nothing, so it is not created at all; the first and last
    // are, empty or not, because the row's spans attribute is taken from the cells that exist.
    if (value === null && i !== 0 && i !== last) continue;
    writeCell(row.getCell(i + 1), value, bold);
  }
  row.commit();
}

// ExcelJS hands its XML to zlib in 64 KB batches, and node's zlib stream takes the next batch only
// from a callback on this thread: rows are written synchronously, so without a turn of the event
// loop every few rows compression falls behind the writing (and the XML waits in memory) instead of
// running beside it on the thread pool. 16 rows are a millisecond or two of writing, about 27 KB of XML.
const ROWS_PER_TURN = 16;
// Compressed bytes handed on at once: large enough that per-chunk costs vanish.
const CHUNK_BYTES = 64 * 1024;

/**
 * XLSX written with ExcelJS's streaming WorkbookWriter: rows are committed to the zip stream as they
 * arrive and the compressed bytes produced so far are handed on, so neither the rows nor the file are
 * ever held whole. Shared strings are off (they would keep every text in memory); styles are on so
 * text cells carry the "@" format.
 */
export async function* xlsxChunks(sheet: XlsxSheet): AsyncGenerator<Uint8Array> {
  const queue: Buffer[] = [];
  let queued = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      queue.push(chunk);
      queued += chunk.byteLength;
      callback();
    },
  });
  const take = (): Uint8Array | null => {
    if (queue.length === 0) return null;
    const out = Buffer.concat(queue);
    queue.length = 0;
    queued = 0;
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = "Vesting Desk";
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = sheet.header.map((h) => ({ width: Math.min(40, Math.max(10, Math.ceil(h.length * 0.9))) }));
  writeRow(ws, sheet.header, true);
  let written = 0;
  for await (const rows of sheet.pages) {
    for (const row of rows) {
      writeRow(ws, row);
      if (++written % ROWS_PER_TURN === 0) {
        await nextTurn();
        await awaitCompression(ws);
        if (queued >= CHUNK_BYTES) yield take()!;
      }
    }
  }
  ws.commit();
  await wb.commit();
  const rest = take();
  if (rest) yield rest;
}
