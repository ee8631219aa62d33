import "server-only";
import type { Locale } from "@/i18n/locales";
import { Dec } from "@/lib/domain/numeric/decimal";
import { decimalCell, integerCell, textCell, type RegisterCell } from "@/lib/domain/registers/registerCell";
import type { LineTaxStatus, VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import {
  assertTiesOut,
  batchRegisterDownload,
  closedLines,
  inLocale,
  MONEY_FMT,
  PRICE_FMT,
  type BatchRegisterDownload,
  type BatchRegisterFormat,
  type BatchRegisterOptions,
  type BatchTable,
  type Bilingual,
} from "@/lib/features/vesting-batches/registers/batchRegisterFile";

/**
 * The withholding register (个人所得税代扣代缴明细): per vesting line the shares, the prices, the taxable
 * income, the tax, why a tax was not computed, the person's year to date and any deferral (财政部
 * 税务总局公告2024年第2号). Lines where no share vests are not taxable events and are left out.
 */
export interface WithholdingRow {
  lineId: string;
  employeeNo: string;
  name: string;
  shares: number;
  adjustedPrice: string;
  closingPrice: string | null;
  taxableIncome: string | null;
  tax: string | null;
  /** Null before registration: not computed yet. */
  taxStatus: LineTaxStatus | null;
  yearToDateIncome: string | null;
  yearToDateTax: string | null;
  taxDeferralEnd: string | null;
}

export interface WithholdingRegister {
  rows: WithholdingRow[];
  /** Sums over the rows that have the figure; `notComputed` counts the rows without a tax. */
  totals: { lines: number; shares: number; taxableIncome: string; tax: string; notComputed: number };
}

/** Each status as the register writes it: the engine never guesses, so a missing figure says why. */
export const TAX_STATUS_TEXT: Readonly<Record<LineTaxStatus | "pending", Bilingual>> = {
  computed: { zh: "已计算", en: "Computed" },
  non_resident: { zh: "非居民个人，未计算", en: "Non-resident: not computed" },
  no_price: { zh: "缺少收盘价，未计算", en: "No closing price: not computed" },
  outside_separate_taxation: {
    zh: "不在股权激励单独计税政策期间内，未计算",
    en: "Outside the separate-taxation period: not computed",
  },
  pending: { zh: "尚未登记，未计算", en: "Not registered yet: not computed" },
};

/** The register of a batch whose payment is closed; the tax total ties to the batch's once it has one. */
export function withholdingRegister(batch: VestingBatchDto): WithholdingRegister {
  const rows: WithholdingRow[] = closedLines(batch)
    .filter((l) => l.paidShares > 0)
    .map((l) => ({
      lineId: l.lineId,
      employeeNo: l.employeeNo,
      name: l.name,
      shares: l.paidShares,
      adjustedPrice: l.adjustedPrice,
      closingPrice: l.closingPrice,
      taxableIncome: l.taxableIncome,
      tax: l.tax,
      taxStatus: l.taxStatus,
      yearToDateIncome: l.yearToDateIncome,
      yearToDateTax: l.yearToDateTax,
      taxDeferralEnd: l.taxDeferralEnd,
    }));
  const sum = (pick: (r: WithholdingRow) => string | null) =>
    rows.reduce((s, r) => s.plus(pick(r) ?? 0), new Dec(0)).toFixed(2);
  const totals = {
    lines: rows.length,
    shares: rows.reduce((s, r) => s + r.shares, 0),
    taxableIncome: sum((r) => r.taxableIncome),
    tax: sum((r) => r.tax),
    notComputed: rows.filter((r) => r.tax === null).length,
  };
  assertTiesOut("tax", totals.tax, batch.totals.tax === null ? null : new Dec(batch.totals.tax).toFixed(2));
  return { rows, totals };
}

const HEADER: Bilingual[] = [
  { zh: "工号", en: "Employee no." },
  { zh: "姓名", en: "Name" },
  { zh: "归属股数（股）", en: "Shares vested" },
  { zh: "授予价格（调整后，元/股）", en: "Adjusted grant price (CNY)" },
  { zh: "归属日收盘价（元/股）", en: "Closing price on vesting (CNY)" },
  { zh: "应纳税所得额（元）", en: "Taxable income (CNY)" },
  { zh: "应扣缴税额（元）", en: "Tax to withhold (CNY)" },
  { zh: "计算状态", en: "Tax status" },
  { zh: "本年累计股权激励收入（元）", en: "Year-to-date equity income (CNY)" },
  { zh: "本年累计应纳税额（元）", en: "Year-to-date tax (CNY)" },
  { zh: "递延纳税截止日", en: "Tax deferral end" },
];

/** The register as a table, one row per line and a totals row. */
export function withholdingTable(register: WithholdingRegister, locale?: Locale): BatchTable {
  const t = register.totals;
  const rows: RegisterCell[][] = register.rows.map((r) => [
    textCell(r.employeeNo),
    textCell(r.name),
    integerCell(r.shares),
    decimalCell(r.adjustedPrice, PRICE_FMT),
    decimalCell(r.closingPrice, PRICE_FMT),
    decimalCell(r.taxableIncome, MONEY_FMT),
    decimalCell(r.tax, MONEY_FMT),
    textCell(inLocale(TAX_STATUS_TEXT[r.taxStatus ?? "pending"], locale)),
    decimalCell(r.yearToDateIncome, MONEY_FMT),
    decimalCell(r.yearToDateTax, MONEY_FMT),
    textCell(r.taxDeferralEnd),
  ]);
  const notComputed =
    t.notComputed === 0
      ? null
      : inLocale({ zh: `${t.notComputed}笔未计算`, en: `${t.notComputed} not computed` }, locale);
  rows.push([
    textCell(inLocale({ zh: "合计", en: "Total" }, locale)),
    textCell(inLocale({ zh: `${t.lines}笔`, en: `${t.lines} lines` }, locale)),
    integerCell(t.shares),
    null,
    null,
    decimalCell(t.taxableIncome, MONEY_FMT),
    decimalCell(t.tax, MONEY_FMT),
    textCell(notComputed),
    null,
    null,
    null,
  ]);
  return { header: HEADER.map((h) => inLocale(h, locale)), rows };
}

/** The withholding register of a batch as CSV or XLSX. */
export function withholdingDownload(
  batch: VestingBatchDto,
  format: BatchRegisterFormat,
  options: BatchRegisterOptions,
): BatchRegisterDownload {
  return batchRegisterDownload(
    batch,
    { zh: "个人所得税代扣代缴明细表", en: "withholding-register", sheet: "代扣代缴 Withholding" },
    withholdingTable(withholdingRegister(batch), options.locale),
    format,
    options.asOf,
  );
}
