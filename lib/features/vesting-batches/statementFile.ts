import "server-only";
import { ApiError } from "@/lib/platform/errors/apiError";
import { isIsoDate } from "@/lib/domain/calendar/isoDate";
import type { StatementRow } from "@/lib/domain/payment/statementMatch";
import type { ImportColumn } from "@/lib/features/imports/importColumns";
import { headerLookup } from "@/lib/features/imports/importColumns";
import { findHeaderRow } from "@/lib/features/imports/missingColumns";
import { uploadedTable } from "@/lib/features/participants/uploadedTable";

/** Largest bank statement accepted (a year of a company account's credits fits well under it). */
export const MAX_STATEMENT_BYTES = 10_000_000;

type StatementField = "reference" | "amount" | "date" | "transactionId" | "employeeNo";

/** The columns banks' statement exports name (招行、工行、建行、中行 and others), in Chinese and English. */
export const STATEMENT_COLUMNS: readonly ImportColumn<StatementField>[] = [
  {
    field: "amount",
    required: true,
    zh: "贷方金额",
    en: "Credit amount",
    aliases: ["收入金额", "收入", "入账金额", "贷方发生额", "金额", "交易金额", "amount", "credit"],
    example: "59040.00",
  },
  {
    field: "date",
    required: true,
    zh: "交易日期",
    en: "Value date",
    aliases: ["日期", "记账日期", "入账日期", "起息日", "date", "transaction date", "valuedate"],
    example: "2026-11-20",
  },
  {
    field: "reference",
    required: false,
    zh: "附言",
    en: "Reference",
    aliases: ["用途", "摘要", "备注", "交易附言", "附言/用途", "remark", "memo", "description"],
    example: "VD1-E00123",
  },
  {
    field: "transactionId",
    required: false,
    zh: "流水号",
    en: "Transaction id",
    aliases: ["交易流水号", "凭证号", "交易序号", "transaction no", "serial no", "transactionid"],
    example: "202611200001",
  },
  {
    field: "employeeNo",
    required: false,
    zh: "工号",
    en: "Employee no.",
    aliases: ["员工编号", "employee no", "employeeno"],
    example: "E00123",
  },
];

const fieldOf = headerLookup(STATEMENT_COLUMNS);

/** "2026/11/20", "20261120" and "2026-11-20" all read 2026-11-20; anything else is kept as written. */
function valueDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s.*)?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return t;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : t;
}

/** Thousands separators, a currency sign and surrounding spaces go; the rest is for the matcher to judge. */
function amountText(text: string): string {
  return text.replace(/[,，\s]/g, "").replace(/^(¥|￥|CNY|RMB)/i, "");
}

/**
 * The rows of a bank statement: the header is searched for, blank rows and rows without a credit amount
 * (debits in a statement with separate debit and credit columns) are skipped; line numbers are the file's.
 */
export async function parseStatementFile(bytes: Uint8Array, fileName: string): Promise<StatementRow[]> {
  if (bytes.length > MAX_STATEMENT_BYTES)
    throw new ApiError("FILE_TOO_LARGE", "The statement is larger than 10 MB.", { limit: MAX_STATEMENT_BYTES });
  const table = await uploadedTable(bytes, fileName);
  const header = findHeaderRow(table, { columns: STATEMENT_COLUMNS, fieldOf });
  const cell = (row: readonly string[], field: StatementField) => {
    const at = header.columns.get(field);
    return at === undefined ? "" : (row[at] ?? "").trim();
  };
  const rows: StatementRow[] = [];
  table.slice(header.index + 1).forEach((row, i) => {
    const amount = amountText(cell(row, "amount"));
    if (amount === "" || amount === "-") return;
    rows.push({
      line: header.index + i + 2,
      reference: cell(row, "reference") || null,
      employeeNo: cell(row, "employeeNo") || null,
      amount,
      date: valueDate(cell(row, "date")),
      transactionId: cell(row, "transactionId") || null,
    });
  });
  return rows;
}
