import { describe, expect, it } from "vitest";
import {
  normaliseReference,
  renderPaymentReference,
  unknownPlaceholders,
} from "../../lib/domain/payment/paymentReference";
import {
  matchStatement,
  type PaymentLine,
  type StatementMatchOptions,
  type StatementRow,
} from "../../lib/domain/payment/statementMatch";

const TEMPLATE = "VD-{employeeNo}";
const line = (lineId: string, employeeNo: string, due: string, paidSoFar = "0.00"): PaymentLine => ({
  lineId,
  employeeNo,
  reference: renderPaymentReference(TEMPLATE, { employeeNo, name: "", batchNo: 1 }),
  due,
  paidSoFar,
});
// 3,000 × 19.68 = 59,040.00; 1,234 × 21.60 = 26,654.40; 1,000 × 19.68 = 19,680.00
const LINES = [line("L1", "E00123", "59040.00"), line("L2", "E00456", "26654.40"), line("L3", "E0012", "19680.00")];
const OPTIONS: StatementMatchOptions = { deadline: "2026-03-10", recordedTransactionIds: [] };

let nextLine = 2;
const row = (over: Partial<StatementRow>): StatementRow => ({
  line: nextLine++,
  reference: null,
  employeeNo: null,
  amount: "100.00",
  date: "2026-03-05",
  transactionId: null,
  ...over,
});
const codes = (r: { errors: { line: number; code: string }[] }) => r.errors.map((e) => `${e.line}:${e.code}`);

describe("payment references", () => {
  it("renders the template's placeholders", () => {
    expect(
      renderPaymentReference("{batchNo}批-{employeeNo}-{name}", { employeeNo: "E00123", name: "张三", batchNo: 2 }),
    ).toBe("2批-E00123-张三");
    // one pass: a value reading "{name}" is not expanded again
    expect(renderPaymentReference("{employeeNo}/{name}", { employeeNo: "{name}", name: "张三", batchNo: 1 })).toBe(
      "{name}/张三",
    );
  });

  it("refuses an unknown placeholder", () => {
    expect(unknownPlaceholders("VD-{employeeNo}-{idNumber}-{batch}")).toEqual(["idNumber", "batch"]);
    expect(unknownPlaceholders("VD-{employeeNo}")).toEqual([]);
    expect(() => renderPaymentReference("VD-{idNumber}", { employeeNo: "E1", name: "x", batchNo: 1 })).toThrow(
      RangeError,
    );
  });

  it("normalises what banks and input methods do to the text", () => {
    expect(normaliseReference("ＶＤ－Ｅ００１２３")).toBe("VD-E00123");
    expect(normaliseReference("  vd-e00123\u3000张三 ")).toBe("VD-E00123张三");
    expect(normaliseReference("VD—E00123")).toBe("VD-E00123");
    expect(normaliseReference("VD\u2212E 001 23")).toBe("VD-E00123");
    expect(normaliseReference("网银转账 VD-E00123 张三")).toBe("网银转账VD-E00123张三");
  });
});

describe("matchStatement", () => {
  it("a statement with a full-width reference, a bank prefix, an over-payment, a duplicate and an unknown reference", () => {
    nextLine = 2;
    const rows = [
      // row 2 → L1 (full-width), row 3 → L1 (bank prefix): 30,000.00 + 29,040.00 = 59,040.00, exactly due
      row({ reference: "ＶＤ－Ｅ００１２３", amount: "30000.00", transactionId: "T001" }),
      row({ reference: "网银转账 VD-E00123 张三", amount: "29040.00", transactionId: "T002" }),
      // rows 4 and 5 → L2: 20,000.00 + 10,000.00 = 30,000.00 > 26,654.40 by 3,345.60, reported on row 5
      row({ reference: "VD-E00456", amount: "20000.00", transactionId: "T003" }),
      row({ reference: "VD-E00456", amount: "10000.00", transactionId: "T004" }),
      // row 6 repeats T003 of row 4
      row({ reference: "VD-E00456", amount: "20000.00", transactionId: "T003" }),
      // row 7: nobody
      row({ reference: "VD-E99999", amount: "100.00", transactionId: "T005" }),
      // row 8 → L3: "VD-E0012" is not taken for part of "VD-E00123" in rows 2 and 3, nor the reverse
      row({ reference: "VD-E0012", amount: "19680.00", transactionId: "T006" }),
    ];
    const r = matchStatement(rows, LINES, OPTIONS);
    expect(r.matched).toEqual([
      { line: 2, lineId: "L1", employeeNo: "E00123", amount: "30000.00", transactionId: "T001" },
      { line: 3, lineId: "L1", employeeNo: "E00123", amount: "29040.00", transactionId: "T002" },
      { line: 4, lineId: "L2", employeeNo: "E00456", amount: "20000.00", transactionId: "T003" },
      { line: 5, lineId: "L2", employeeNo: "E00456", amount: "10000.00", transactionId: "T004" },
      { line: 8, lineId: "L3", employeeNo: "E0012", amount: "19680.00", transactionId: "T006" },
    ]);
    expect(codes(r)).toEqual(["5:PAYMENT_OVERPAID", "6:PAYMENT_DUPLICATE_ROW", "7:PAYMENT_UNKNOWN_REFERENCE"]);
    expect(r.errors[0]!.details).toEqual({
      employeeNo: "E00456",
      lineId: "L2",
      due: "26654.40",
      paidSoFar: "0.00",
      paid: "30000.00",
      excess: "3345.60",
      rows: [4, 5],
    });
    expect(r.errors[0]!.message).toBe("Payments for E00456 would total 30000.00, 3345.60 more than the 26654.40 due.");
    expect(r.errors[1]!.details).toMatchObject({ transactionId: "T003", firstLine: 4, alreadyRecorded: false });
    expect(r.errors[2]!.details).toEqual({ reference: "VD-E99999", employeeNo: null });
  });

  it("a clean file has no errors", () => {
    nextLine = 2;
    const r = matchStatement(
      [
        row({ reference: "VD-E00123", amount: "59040.00", transactionId: "T1" }),
        row({ reference: "VD-E00456", amount: "26654.40", transactionId: "T2" }),
      ],
      LINES,
      OPTIONS,
    );
    expect(r.errors).toEqual([]);
    expect(r.matched.map((m) => m.lineId)).toEqual(["L1", "L2"]);
  });

  it("a transaction id already recorded is a duplicate", () => {
    nextLine = 2;
    const r = matchStatement([row({ reference: "VD-E00123", transactionId: " T9 " })], LINES, {
      ...OPTIONS,
      recordedTransactionIds: ["T9"],
    });
    expect(r.matched).toEqual([]);
    expect(codes(r)).toEqual(["2:PAYMENT_DUPLICATE_ROW"]);
    expect(r.errors[0]!.details).toMatchObject({ transactionId: "T9", firstLine: null, alreadyRecorded: true });
    expect(r.errors[0]!.message).toBe(
      "Duplicate payment (transaction T9, 100.00 on 2026-03-05): it repeats row — of this file or a payment already recorded.",
    );
  });

  it("without transaction ids, the same reference, amount and date twice is a duplicate", () => {
    nextLine = 2;
    const r = matchStatement(
      [
        row({ reference: "VD-E00123", amount: "100" }),
        // "100.00" is the same amount, "vd-e00123" the same reference
        row({ reference: "vd-e00123", amount: "100.00" }),
        // another day: a second payment
        row({ reference: "VD-E00123", amount: "100.00", date: "2026-03-06" }),
        // by employee no. only
        row({ employeeNo: "E00456", amount: "50.00" }),
        row({ employeeNo: "E00456", amount: "50.00" }),
      ],
      LINES,
      OPTIONS,
    );
    expect(codes(r)).toEqual(["3:PAYMENT_DUPLICATE_ROW", "6:PAYMENT_DUPLICATE_ROW"]);
    expect(r.errors[0]!.details).toMatchObject({ firstLine: 2, transactionId: null });
    expect(r.matched.map((m) => [m.line, m.lineId, m.amount])).toEqual([
      [2, "L1", "100.00"],
      [4, "L1", "100.00"],
      [5, "L2", "50.00"],
    ]);
  });

  it("refuses amounts that are not positive yuan with at most 2 decimals, and does not attribute them", () => {
    nextLine = 2;
    const bad = ["0", "0.00", "-5.00", "12.345", "1,000.00", "abc", ""];
    const r = matchStatement(
      bad.map((amount) => row({ reference: "VD-E00123", amount, date: `2026-03-0${nextLine - 1}` })),
      LINES,
      OPTIONS,
    );
    expect(r.matched).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(bad.map(() => "PAYMENT_AMOUNT_INVALID"));
    expect(r.errors.map((e) => e.details.amount)).toEqual(bad);
  });

  it("a payment after the deadline is reported; the deadline day itself is in time", () => {
    nextLine = 2;
    const r = matchStatement(
      [
        row({ reference: "VD-E00123", date: "2026-03-10", transactionId: "T1" }),
        row({ reference: "VD-E00123", date: "2026-03-11", transactionId: "T2" }),
      ],
      LINES,
      OPTIONS,
    );
    expect(codes(r)).toEqual(["3:PAYMENT_AFTER_DEADLINE"]);
    expect(r.errors[0]!.details).toEqual({ date: "2026-03-11", deadline: "2026-03-10" });
    // still attributed, so the preview shows whose money came late
    expect(r.matched.map((m) => m.line)).toEqual([2, 3]);
  });

  it("reports every problem of a row", () => {
    nextLine = 2;
    const r = matchStatement([row({ reference: "工资", amount: "-1", date: "2026-04-01" })], LINES, OPTIONS);
    expect(codes(r)).toEqual(["2:PAYMENT_AMOUNT_INVALID", "2:PAYMENT_AFTER_DEADLINE", "2:PAYMENT_UNKNOWN_REFERENCE"]);
  });

  it("falls back on the employee number when no reference is found", () => {
    nextLine = 2;
    const r = matchStatement(
      [
        row({ employeeNo: "e00456", transactionId: "T1" }),
        row({ reference: "货款", employeeNo: "Ｅ００４５６", transactionId: "T2" }),
      ],
      LINES,
      OPTIONS,
    );
    expect(r.errors).toEqual([]);
    expect(r.matched.map((m) => m.lineId)).toEqual(["L2", "L2"]);
  });

  it("does not take a reference that the text continues with digits", () => {
    nextLine = 2;
    const r = matchStatement(
      [
        // "VD-E0012 3000元" loses its space: "VD-E00123000元" could be E0012 or E00123, so neither
        row({ reference: "VD-E0012 3000元", transactionId: "T1" }),
        row({ reference: "转账VD-E001234", transactionId: "T2" }),
      ],
      LINES,
      OPTIONS,
    );
    expect(codes(r)).toEqual(["2:PAYMENT_UNKNOWN_REFERENCE", "3:PAYMENT_UNKNOWN_REFERENCE"]);
  });

  it("a reference shared by two grantees is ambiguous unless the employee no. tells them apart", () => {
    nextLine = 2;
    // template "{name}": two people called 张三
    const lines = [
      { lineId: "A", employeeNo: "E1", reference: "张三", due: "100.00", paidSoFar: "0" },
      { lineId: "B", employeeNo: "E2", reference: "张三", due: "100.00", paidSoFar: "0" },
    ];
    const r = matchStatement(
      [
        row({ reference: "张三", transactionId: "T1" }),
        row({ reference: "张三", employeeNo: "E2", transactionId: "T2" }),
      ],
      lines,
      OPTIONS,
    );
    expect(codes(r)).toEqual(["2:PAYMENT_UNKNOWN_REFERENCE"]);
    expect(r.errors[0]!.details).toEqual({ reference: "张三", employeeNo: null, candidates: ["E1", "E2"] });
    expect(r.matched.map((m) => [m.line, m.lineId])).toEqual([[3, "B"]]);
  });

  it("counts what was already recorded towards the amount due", () => {
    nextLine = 2;
    // 26,000.00 recorded + 654.40 = 26,654.40: exactly due
    const lines = [line("L2", "E00456", "26654.40", "26000.00")];
    expect(matchStatement([row({ reference: "VD-E00456", amount: "654.40" })], lines, OPTIONS).errors).toEqual([]);
    // 26,000.00 + 654.41 = 26,654.41: one fen too much
    const r = matchStatement([row({ reference: "VD-E00456", amount: "654.41" })], lines, OPTIONS);
    expect(r.errors.map((e) => [e.code, e.details.paid, e.details.excess])).toEqual([
      ["PAYMENT_OVERPAID", "26654.41", "0.01"],
    ]);
  });

  it("a grantee with two lines in the batch: rows fill the lines in order", () => {
    nextLine = 2;
    const lines = [line("first", "E00123", "59040.00"), line("reserved", "E00123", "26654.40")];
    const r = matchStatement(
      [
        row({ reference: "VD-E00123", amount: "59040.00", transactionId: "T1" }),
        row({ reference: "VD-E00123", amount: "26654.40", transactionId: "T2" }),
        // both full: the extra 1.00 goes to the first line and over-pays it
        row({ reference: "VD-E00123", amount: "1.00", transactionId: "T3" }),
      ],
      lines,
      OPTIONS,
    );
    expect(r.matched.map((m) => m.lineId)).toEqual(["first", "reserved", "first"]);
    expect(r.errors.map((e) => [e.line, e.code, e.details.excess])).toEqual([[4, "PAYMENT_OVERPAID", "1.00"]]);
  });

  it("throws on a malformed date (the statement parser checks dates)", () => {
    nextLine = 2;
    expect(() => matchStatement([row({ date: "05/03/2026" })], LINES, OPTIONS)).toThrow(RangeError);
    expect(() => matchStatement([], LINES, { ...OPTIONS, deadline: "2026-13-01" })).toThrow(RangeError);
  });
});
