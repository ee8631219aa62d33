import { spreadsheetSafeText } from "./spreadsheetSafeText";

/**
 * One cell of a register, typed so every format writes it the same way: text (dates travel as ISO
 * text) is its string, a whole number (share counts) is its number, and an exact decimal (prices,
 * ratios, percentages) keeps its string with the spreadsheet number format to show it in. Null is an
 * empty cell. Text and whole numbers are plain values rather than objects because a register of
 * 100k grants has four million cells, made and dropped as the file streams.
 */
export type RegisterCell = string | number | DecimalCell | null;

/** An exact decimal cell: written as is to CSV and as a number to XLSX. */
export interface DecimalCell {
  readonly value: string;
  readonly numFmt: string;
}

/** A text cell; null stays empty. */
export function textCell(value: string | null | undefined): RegisterCell {
  return value ?? null;
}

/** A whole-number cell (quantities). */
export function integerCell(value: number | null | undefined): RegisterCell {
  return value ?? null;
}

/** An exact decimal cell; the string is written as is to CSV and as a number to XLSX. */
export function decimalCell(value: string | null | undefined, numFmt: string): RegisterCell {
  return value === null || value === undefined ? null : { value, numFmt };
}

/**
 * One CSV record (RFC 4180) ending in CRLF. Text is neutralised against formula injection first, then
 * quoted when it holds a quote, comma, CR or LF; numbers are written plain and never quoted.
 */
export function csvRecord(cells: readonly RegisterCell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

function csvField(cell: RegisterCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "object") return cell.value;
  const safe = spreadsheetSafeText(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
