import "server-only";
import { amountDue } from "@/lib/domain/payment/amountDue";
import {
  capitalVerificationSummary,
  type CapitalVerificationRow,
  type CapitalVerificationSummary,
} from "@/lib/domain/payment/capitalVerification";
import { Dec } from "@/lib/domain/numeric/decimal";
import { decimalCell, integerCell, textCell } from "@/lib/domain/registers/registerCell";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import {
  assertTiesOut,
  batchRegisterDownload,
  closedLines,
  inLocale,
  MONEY_FMT,
  type BatchRegisterDownload,
  type BatchRegisterFormat,
  type BatchRegisterOptions,
  type BatchTable,
} from "@/lib/features/vesting-batches/registers/batchRegisterFile";
import type { Locale } from "@/i18n/locales";

/**
 * The support schedule for the capital-verification report (验资): per grantee the paid shares, what
 * they cost (refunds excluded), the part booked to share capital (shares × par) and to capital reserve.
 */
export interface CapitalVerificationRegister {
  parValue: string;
  rows: CapitalVerificationRow[];
  totals: Omit<CapitalVerificationSummary, "perPerson">;
}

/**
 * The schedule of a batch whose payment is closed. The totals tie to the batch: its paid shares, and
 * the money received less the refunds once both are known (an Error otherwise, never a wrong file).
 */
export function capitalVerificationRegister(batch: VestingBatchDto): CapitalVerificationRegister {
  const lines = closedLines(batch);
  const { perPerson, ...totals } = capitalVerificationSummary(
    lines.map((l) => ({
      employeeNo: l.employeeNo,
      name: l.name,
      shares: l.paidShares,
      amount: amountDue(l.paidShares, l.adjustedPrice),
    })),
    batch.parValue,
  );
  assertTiesOut("paid shares", totals.shares, batch.totals.paidShares);
  if (batch.totals.refund !== null)
    assertTiesOut("amount", totals.amount, new Dec(batch.totals.paid).minus(batch.totals.refund).toFixed(2));
  return { parValue: batch.parValue, rows: perPerson, totals };
}

const HEADER = [
  { zh: "工号", en: "Employee no." },
  { zh: "姓名", en: "Name" },
  { zh: "归属股数（股）", en: "Shares vested" },
  { zh: "缴款金额（元）", en: "Amount paid (CNY)" },
  { zh: "计入股本（元）", en: "To share capital (CNY)" },
  { zh: "计入资本公积（元）", en: "To capital reserve (CNY)" },
];

/** The schedule as a table, one row per grantee and a totals row. */
export function capitalVerificationTable(register: CapitalVerificationRegister, locale?: Locale): BatchTable {
  const t = register.totals;
  return {
    header: HEADER.map((h) => inLocale(h, locale)),
    rows: [
      ...register.rows.map((r) => [
        textCell(r.employeeNo),
        textCell(r.name),
        integerCell(r.shares),
        decimalCell(r.amount, MONEY_FMT),
        decimalCell(r.toShareCapital, MONEY_FMT),
        decimalCell(r.toCapitalReserve, MONEY_FMT),
      ]),
      [
        textCell(inLocale({ zh: "合计", en: "Total" }, locale)),
        textCell(inLocale({ zh: `${t.people}人`, en: `${t.people} people` }, locale)),
        integerCell(t.shares),
        decimalCell(t.amount, MONEY_FMT),
        decimalCell(t.toShareCapital, MONEY_FMT),
        decimalCell(t.toCapitalReserve, MONEY_FMT),
      ],
    ],
  };
}

/** The capital-verification schedule of a batch as CSV or XLSX. */
export function capitalVerificationDownload(
  batch: VestingBatchDto,
  format: BatchRegisterFormat,
  options: BatchRegisterOptions,
): BatchRegisterDownload {
  const table = capitalVerificationTable(capitalVerificationRegister(batch), options.locale);
  return batchRegisterDownload(
    batch,
    { zh: "验资明细表", en: "capital-verification", sheet: "验资明细 Capital verification" },
    table,
    format,
    options.asOf,
  );
}
