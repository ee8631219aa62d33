import "server-only";
import type { Locale } from "@/i18n/locales";
import type { RegisterCell } from "@/lib/domain/registers/registerCell";
import type { VestingBatchDto, VestingBatchLineDto } from "@/lib/features/vesting-batches/batchDto";
import { ApiError } from "@/lib/platform/errors/apiError";
import { readableFrom } from "@/lib/platform/exports/byteStream";
import { csvChunks } from "@/lib/platform/exports/csvStream";
import { xlsxChunks } from "@/lib/platform/exports/xlsxStream";
import type { Download } from "@/lib/platform/http/downloadResponse";

/** The registers of one vesting batch (验资, 代扣代缴, 登记名册) as spreadsheets, streamed as they are written. */
export interface BatchRegisterDownload extends Download {
  body: ReadableStream<Uint8Array>;
}

export const BATCH_REGISTER_FORMATS = ["csv", "xlsx"] as const;
export type BatchRegisterFormat = (typeof BATCH_REGISTER_FORMATS)[number];

/** How a register is written out: header language and the export date in the file name. */
export interface BatchRegisterOptions {
  /** Header and coded-value language; Chinese by default. */
  locale?: Locale;
  /** The date in the file name; the caller passes lib/platform/clock today(). */
  asOf: string;
}

/** A register as a table: the header and the rows, totals row included. */
export interface BatchTable {
  header: string[];
  rows: RegisterCell[][];
}

/** Spreadsheet number formats: money in yuan, prices with up to 4 decimals. */
export const MONEY_FMT = "#,##0.00";
export const PRICE_FMT = "0.00##";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** A column's header in each language. */
export type Bilingual = { readonly zh: string; readonly en: string };
export const inLocale = (text: Bilingual, locale: Locale | undefined): string => (locale === "en" ? text.en : text.zh);

/** A line as the payment closed it: paidShares, waivedShares and refund are set. */
export type ClosedLine = VestingBatchLineDto & { paidShares: number; waivedShares: number };

/**
 * The batch's lines once its payment is closed. Before that no share is known to vest, so a register
 * drawn up then would list shares that may still lapse: refused with VESTING_BATCH_STATUS.
 */
export function closedLines(batch: VestingBatchDto): ClosedLine[] {
  const open = batch.lines.find((l) => l.paidShares === null || l.waivedShares === null);
  if (open !== undefined)
    throw new ApiError(
      "VESTING_BATCH_STATUS",
      `The payment of vesting batch ${batch.batchNo} is not closed yet (status ${batch.status}): no share is known to vest.`,
    );
  return batch.lines as ClosedLine[];
}

/** Money for the shares that vest must tie to the batch's own totals, or the register is not sent. */
export function assertTiesOut(what: string, computed: number | string, batchTotal: number | string | null): void {
  if (batchTotal !== null && String(computed) !== String(batchTotal))
    throw new Error(`The ${what} of the register (${computed}) does not tie to the batch's total (${batchTotal}).`);
}

/** A batch register as a download, named like the registers module names its exports. */
export function batchRegisterDownload(
  batch: VestingBatchDto,
  names: { zh: string; en: string; sheet: string },
  table: BatchTable,
  format: BatchRegisterFormat,
  asOf: string,
): BatchRegisterDownload {
  async function* pages() {
    yield table.rows;
  }
  const chunks =
    format === "csv"
      ? csvChunks(table.header, pages())
      : xlsxChunks({ name: names.sheet, header: table.header, pages: pages() });
  return {
    filename: `${batch.planName}-第${batch.batchNo}批归属-${names.zh}-${asOf}.${format}`,
    asciiFilename: `vesting-batch-${batch.batchNo}-${names.en}-${asOf}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: readableFrom(chunks),
  };
}
