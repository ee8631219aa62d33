import "server-only";
import { isIsoDate } from "@/lib/domain/calendar/isoDate";
import { tryParseDecimal } from "@/lib/domain/numeric/decimal";

/** A data row of a closing-price file: its line in the file, the date as yyyy-mm-dd and the price normalised. */
export interface CsvClosingPrice {
  line: number;
  tradeDate: string;
  close: string;
}

/** Why a line of the file cannot be read; codes are in the error table (lib/platform/errors/errorCodes.ts). */
export type ClosingPriceCsvCode =
  | "MISSING_COLUMNS"
  | "CLOSING_PRICE_FILE_EMPTY"
  | "CLOSING_PRICE_INVALID_DATE"
  | "CLOSING_PRICE_INVALID_CLOSE"
  | "CLOSING_PRICE_DUPLICATE_DATE";

/** One problem of the file: the line (1 = the header), the code, the cell as written and specifics in English. */
export interface CsvClosingPriceError {
  line: number;
  code: ClosingPriceCsvCode;
  message: string;
  value?: string;
  details?: Record<string, unknown>;
}

/** Header names accepted for each column, compared trimmed and case-insensitively (exports from quote software use 收盘). */
const DATE_HEADERS = ["date", "日期", "交易日期", "trade date", "tradedate", "trade_date"];
const CLOSE_HEADERS = ["close", "收盘价", "收盘", "close price", "closing price"];

const DATE_PATTERN = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const PLAIN_NUMBER = /^\d{1,8}(\.\d{1,4})?$/;
// Excel writes large prices with thousands separators ("1,688.00"), quoted in a comma-separated file.
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d{1,4})?$/;

/**
 * Reads a closing-price file as HR pastes or uploads it: a header row naming a date column (date / 日期)
 * and a close column (close / 收盘价), other columns ignored; separated by commas or tabs (the first line
 * decides); UTF-8 with or without BOM; dates yyyy-mm-dd or yyyy/mm/dd; blank lines skipped. Every problem is
 * reported with its line; a date given twice is an error on its later lines, so nothing is silently chosen.
 * Pure: whether a date is a trading day or in the future is the caller's (it needs the calendar and today).
 */
export function parseClosingPriceCsv(text: string): { rows: CsvClosingPrice[]; errors: CsvClosingPriceError[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "");
  if (headerIndex < 0) return { rows: [], errors: [empty(1)] };
  const header = lines[headerIndex]!;
  const delimiter = header.includes("\t") ? "\t" : ",";
  const names = splitLine(header, delimiter).map((h) => h.trim().toLowerCase());
  const dateAt = names.findIndex((n) => DATE_HEADERS.includes(n));
  const closeAt = names.findIndex((n) => CLOSE_HEADERS.includes(n));
  if (dateAt < 0 || closeAt < 0) {
    const missing = [...(dateAt < 0 ? [["日期", "date"]] : []), ...(closeAt < 0 ? [["收盘价", "close"]] : [])];
    return {
      rows: [],
      errors: [
        {
          line: headerIndex + 1,
          code: "MISSING_COLUMNS",
          message: `Missing required column: ${missing.map((m) => m[1]).join(", ")}.`,
          value: header,
          details: { missingZh: missing.map((m) => m[0]).join("、"), missingEn: missing.map((m) => m[1]).join(", ") },
        },
      ],
    };
  }

  const rows: CsvClosingPrice[] = [];
  const errors: CsvClosingPriceError[] = [];
  const firstLineOf = new Map<string, number>();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const line = i + 1;
    const cells = splitLine(raw, delimiter);
    const dateCell = (cells[dateAt] ?? "").trim();
    const closeCell = (cells[closeAt] ?? "").trim();
    if (dateCell === "" && closeCell === "") continue;
    const tradeDate = normaliseDate(dateCell);
    const close = normaliseClose(closeCell);
    if (tradeDate === null)
      errors.push({
        line,
        code: "CLOSING_PRICE_INVALID_DATE",
        message: `"${dateCell}" is not a date as yyyy-mm-dd or yyyy/mm/dd.`,
        value: dateCell,
      });
    if (close === null)
      errors.push({
        line,
        code: "CLOSING_PRICE_INVALID_CLOSE",
        message: `"${closeCell}" is not a positive price with at most 4 decimals.`,
        value: closeCell,
      });
    if (tradeDate === null || close === null) continue;
    const first = firstLineOf.get(tradeDate);
    if (first !== undefined) {
      errors.push({
        line,
        code: "CLOSING_PRICE_DUPLICATE_DATE",
        message: `${tradeDate} is already given on line ${first}.`,
        value: dateCell,
        details: { tradeDate, firstLine: first },
      });
      continue;
    }
    firstLineOf.set(tradeDate, line);
    rows.push({ line, tradeDate, close });
  }
  if (rows.length === 0 && errors.length === 0) errors.push(empty(headerIndex + 1));
  return { rows, errors };
}

function empty(line: number): CsvClosingPriceError {
  return { line, code: "CLOSING_PRICE_FILE_EMPTY", message: "The file has no closing prices below its header." };
}

/** yyyy-mm-dd of a cell written yyyy-mm-dd or yyyy/mm/dd (one-digit month or day as Excel writes them), or null. */
function normaliseDate(cell: string): string | null {
  const m = DATE_PATTERN.exec(cell);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** The price without grouping or trailing zeros ("1,688.50" → "1688.5"), or null if not a positive decimal. */
function normaliseClose(cell: string): string | null {
  const plain = GROUPED_NUMBER.test(cell) ? cell.replaceAll(",", "") : cell;
  if (!PLAIN_NUMBER.test(plain)) return null;
  const value = tryParseDecimal(plain);
  if (value === null || !value.isPositive() || value.isZero()) return null;
  return value.toFixed();
}

/** The cells of one line; a cell in double quotes may hold the delimiter, and "" inside it is one quote. */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
