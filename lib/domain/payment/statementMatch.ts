import { compareIsoDates, parseIsoDate } from "../calendar/isoDate";
import { violation, type RuleCode, type RuleDetails, type RuleViolation } from "../errors";
import { Dec, tryParseDecimal } from "../numeric/decimal";
import { normaliseReference } from "./paymentReference";

/**
 * Matching an imported bank statement to the grantees of a vesting batch (缴款). The result is a
 * preview: every row's attribution and every problem of every row, so HR fixes the file once; the
 * caller records the payments only when there is no problem at all (all or nothing), because a file
 * half applied cannot be imported again without duplicates.
 */

/** One row of a parsed bank statement (the parser has turned the bank's columns into these). */
export type StatementRow = {
  /** Row number in the file, as HR sees it in the spreadsheet. */
  readonly line: number;
  /** The transfer's remark (附言/用途) as the bank prints it, or null. */
  readonly reference: string | null;
  /** An employee-number column, when HR added one, or null. */
  readonly employeeNo: string | null;
  /** Yuan, as written in the file ("59040.00"). */
  readonly amount: string;
  /** Value date, "yyyy-mm-dd". */
  readonly date: string;
  /** The bank's transaction serial number (流水号), or null when the statement has none. */
  readonly transactionId: string | null;
};

/** A vesting line of the batch that payments are received for. */
export type PaymentLine = {
  readonly lineId: string;
  readonly employeeNo: string;
  /** The rendered reference the grantee was asked to write on the transfer. */
  readonly reference: string;
  /** Amount due, "59040.00". */
  readonly due: string;
  /** Net amount already recorded for the line (corrections included). */
  readonly paidSoFar: string;
};

export type StatementMatchOptions = {
  /** The payment deadline: money with a later value date arrived too late. */
  readonly deadline: string;
  /** Transaction ids already recorded for the batch (an earlier import or a manual entry). */
  readonly recordedTransactionIds: Iterable<string>;
};

/** A statement row attributed to a line: the payment the caller would record. */
export type MatchedPayment = {
  readonly line: number;
  readonly lineId: string;
  readonly employeeNo: string;
  /** Amount with 2 decimals ("100" in the file reads "100.00"). */
  readonly amount: string;
  readonly transactionId: string | null;
};

/** A problem of one statement row. */
export type StatementProblem = RuleViolation & { readonly line: number };

export type StatementMatchResult = {
  /** Rows attributed to a line; duplicates and rows with an invalid amount are not. */
  readonly matched: MatchedPayment[];
  /** Every problem, in row order; the file may be applied only when this is empty. */
  readonly errors: StatementProblem[];
};

/** Yuan with at most 2 decimals, no sign, no thousands separators. */
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const DIGIT = /[0-9]/;

type PreparedLine = {
  readonly line: PaymentLine;
  readonly reference: string;
  readonly employeeNo: string;
  readonly due: Dec;
  readonly paidSoFar: Dec;
};

type Attribution = { total: Dec; rows: number[]; overpaidAt: number | null };

function decimal(name: string, value: string): Dec {
  const d = tryParseDecimal(value);
  if (d === null) throw new RangeError(`${name} is not a decimal: ${value}`);
  return d;
}

/**
 * True when `reference` occurs in `text` as a whole: a reference ending in a digit is not found where
 * the text goes on with another digit, nor one starting with a digit where a digit precedes it. So
 * "VD-E0012" is not found in "VD-E00123", while "网银转账VD-E00123张三" contains "VD-E00123". Text a
 * bank puts around the reference (a prefix such as "网银转账", the payer's name) is allowed.
 */
function occursIn(text: string, reference: string): boolean {
  const startsWithDigit = DIGIT.test(reference[0]!);
  const endsWithDigit = DIGIT.test(reference[reference.length - 1]!);
  for (let i = text.indexOf(reference); i >= 0; i = text.indexOf(reference, i + 1)) {
    const before = text[i - 1];
    const after = text[i + reference.length];
    const startOk = !(startsWithDigit && before !== undefined && DIGIT.test(before));
    const endOk = !(endsWithDigit && after !== undefined && DIGIT.test(after));
    if (startOk && endOk) return true;
  }
  return false;
}

/**
 * The lines a row belongs to, or the employee numbers it could belong to when it names several
 * grantees. The reference decides first (the longest line reference found in it, so a reference that
 * is part of a longer one loses); the employee-number column breaks a tie between grantees or, when
 * no reference is found, matches on its own.
 */
function candidatesFor(row: StatementRow, lines: readonly PreparedLine[]): PreparedLine[] | { ambiguous: string[] } {
  const employeeNo = row.employeeNo === null ? "" : normaliseReference(row.employeeNo);
  const byEmployee = (ls: readonly PreparedLine[]) =>
    employeeNo === "" ? [] : ls.filter((l) => l.employeeNo === employeeNo);
  const text = row.reference === null ? "" : normaliseReference(row.reference);
  if (text !== "") {
    const found = lines.filter((l) => l.reference !== "" && occursIn(text, l.reference));
    if (found.length > 0) {
      const longest = Math.max(...found.map((l) => l.reference.length));
      const best = found.filter((l) => l.reference.length === longest);
      const people = [...new Set(best.map((l) => l.line.employeeNo))];
      if (people.length === 1) return best;
      const named = byEmployee(best);
      return named.length > 0 ? named : { ambiguous: people };
    }
  }
  return byEmployee(lines);
}

/**
 * Attributes each row of a bank statement to a vesting line and reports every problem:
 * - PAYMENT_DUPLICATE_ROW: a transaction id seen earlier in the file or already recorded; without an
 *   id, the same reference (or employee no.), amount and date as an earlier row. A duplicate is not a
 *   payment: it is not attributed, but its amount and date are still checked.
 * - PAYMENT_AMOUNT_INVALID: not a positive amount with at most 2 decimals.
 * - PAYMENT_AFTER_DEADLINE: value date after `options.deadline`.
 * - PAYMENT_UNKNOWN_REFERENCE: no line, or no single grantee, matches the reference or employee no.
 * - PAYMENT_OVERPAID: paidSoFar plus the file's rows for a line exceed its amount due; reported once
 *   per line, on the row that goes past it, with the file's full total.
 * A grantee with several lines in the batch writes the same reference on each: a row goes to the first
 * of them (in `lines` order) that is not yet paid in full, else to the first.
 */
export function matchStatement(
  rows: readonly StatementRow[],
  lines: readonly PaymentLine[],
  options: StatementMatchOptions,
): StatementMatchResult {
  parseIsoDate(options.deadline);
  const prepared: PreparedLine[] = lines.map((line) => ({
    line,
    reference: normaliseReference(line.reference),
    employeeNo: normaliseReference(line.employeeNo),
    due: decimal("due", line.due),
    paidSoFar: decimal("paidSoFar", line.paidSoFar),
  }));
  const recorded = new Set([...options.recordedTransactionIds].map((id) => id.trim()));
  const firstById = new Map<string, number>();
  const firstByKey = new Map<string, number>();
  const attributed = new Map<PreparedLine, Attribution>();
  const problems: StatementProblem[][] = rows.map(() => []);
  const matched: MatchedPayment[] = [];

  rows.forEach((row, index) => {
    const report = (code: RuleCode, details: RuleDetails) =>
      problems[index]!.push({ line: row.line, ...violation(code, details) });
    const parsed = AMOUNT.test(row.amount) ? new Dec(row.amount) : null;
    const amount = parsed !== null && parsed.gt(0) ? parsed : null;
    const amountText = parsed?.toFixed(2) ?? row.amount;
    const transactionId = row.transactionId?.trim() || null;

    let firstLine: number | undefined;
    if (transactionId !== null) {
      firstLine = firstById.get(transactionId);
      if (firstLine === undefined && !recorded.has(transactionId)) firstById.set(transactionId, row.line);
    } else {
      const who =
        row.reference === null ? `#${normaliseReference(row.employeeNo ?? "")}` : normaliseReference(row.reference);
      const key = `${who}|${amountText}|${row.date}`;
      firstLine = firstByKey.get(key);
      if (firstLine === undefined) firstByKey.set(key, row.line);
    }
    const alreadyRecorded = transactionId !== null && recorded.has(transactionId);
    const duplicate = firstLine !== undefined || alreadyRecorded;
    if (duplicate) {
      report("PAYMENT_DUPLICATE_ROW", {
        transactionId,
        reference: row.reference,
        amount: amountText,
        date: row.date,
        firstLine: firstLine ?? null,
        alreadyRecorded,
      });
    }
    if (amount === null) report("PAYMENT_AMOUNT_INVALID", { amount: row.amount });
    if (compareIsoDates(row.date, options.deadline) > 0)
      report("PAYMENT_AFTER_DEADLINE", { date: row.date, deadline: options.deadline });
    if (duplicate) return;

    const candidates = candidatesFor(row, prepared);
    if (!Array.isArray(candidates) || candidates.length === 0) {
      const ambiguous = Array.isArray(candidates) ? {} : { candidates: candidates.ambiguous };
      report("PAYMENT_UNKNOWN_REFERENCE", { reference: row.reference, employeeNo: row.employeeNo, ...ambiguous });
      return;
    }
    if (amount === null) return;
    const open = (l: PreparedLine) => l.paidSoFar.plus(attributed.get(l)?.total ?? 0).lt(l.due);
    const target = candidates.find(open) ?? candidates[0]!;
    const entry = attributed.get(target) ?? { total: new Dec(0), rows: [], overpaidAt: null };
    entry.total = entry.total.plus(amount);
    entry.rows.push(row.line);
    if (entry.overpaidAt === null && target.paidSoFar.plus(entry.total).gt(target.due)) entry.overpaidAt = index;
    attributed.set(target, entry);
    matched.push({
      line: row.line,
      lineId: target.line.lineId,
      employeeNo: target.line.employeeNo,
      amount: amount.toFixed(2),
      transactionId,
    });
  });

  for (const [l, entry] of attributed) {
    if (entry.overpaidAt === null) continue;
    const paid = l.paidSoFar.plus(entry.total);
    problems[entry.overpaidAt]!.push({
      line: rows[entry.overpaidAt]!.line,
      ...violation("PAYMENT_OVERPAID", {
        employeeNo: l.line.employeeNo,
        lineId: l.line.lineId,
        due: l.due.toFixed(2),
        paidSoFar: l.paidSoFar.toFixed(2),
        paid: paid.toFixed(2),
        excess: paid.minus(l.due).toFixed(2),
        rows: entry.rows,
      }),
    });
  }
  return { matched, errors: problems.flat() };
}
