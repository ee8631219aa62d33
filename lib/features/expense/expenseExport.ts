import "server-only";
import { decimalCell, textCell, type RegisterCell } from "@/lib/domain/registers/registerCell";
import type { CompanyExpenseDto, PlanExpenseDto } from "@/lib/features/expense/queries";
import { readableFrom } from "@/lib/platform/exports/byteStream";
import { csvChunks } from "@/lib/platform/exports/csvStream";
import { xlsxChunks } from "@/lib/platform/exports/xlsxStream";
import type { Download } from "@/lib/platform/http/downloadResponse";

/** A spreadsheet of the expense, streamed as it is written. */
export interface ExpenseDownload extends Download {
  body: ReadableStream<Uint8Array>;
}

const YUAN = "#,##0.00";
const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
const GRAIN = { month: "按月 by month", quarter: "按季度 by quarter", year: "按年度 by year" } as const;

function columnLabel(c: PlanExpenseDto["columns"][number]): string {
  if (c.batch === "draft") return `草案预测算（${c.grantDate}）Draft projection (元 CNY)`;
  const kind = c.batch === "first" ? "首次授予 First grant" : "预留授予 Reserved grant";
  return `${kind} ${c.grantDate} (元 CNY)`;
}

function download(
  stem: string,
  asciiStem: string,
  format: "csv" | "xlsx",
  sheet: string,
  header: string[],
  rows: RegisterCell[][],
): ExpenseDownload {
  async function* pages() {
    yield rows;
  }
  const chunks = format === "csv" ? csvChunks(header, pages()) : xlsxChunks({ name: sheet, header, pages: pages() });
  return {
    filename: `${stem}.${format}`,
    asciiFilename: `${asciiStem}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: readableFrom(chunks),
  };
}

/**
 * A plan's expense as a spreadsheet. The current estimate: one row per period, the total and one column
 * per grant resolution, in yuan. The draft projection: the table as plan texts print it, in 万股 and 万元.
 */
export function planExpenseDownload(dto: PlanExpenseDto, format: "csv" | "xlsx"): ExpenseDownload {
  const stem = `${dto.planName}-股份支付费用-${dto.version === "draft" ? "草案预测算" : GRAIN[dto.by].split(" ")[0]}-${dto.asOf}`;
  const asciiStem = `share-based-payment-${dto.version}-${dto.by}-${dto.asOf}`;
  if (dto.version === "draft") {
    const t = dto.planTextTable;
    const header = [
      "拟授予数量（万股） Shares (10k)",
      "需摊销的总费用（万元） Total cost (CNY 10k)",
      ...(t?.years.map((y) => `${y.year}年（万元） ${y.year} (CNY 10k)`) ?? []),
    ];
    const row: RegisterCell[] = t
      ? [
          decimalCell(t.sharesTenThousand, YUAN),
          decimalCell(t.total, YUAN),
          ...t.years.map((y) => decimalCell(y.amount, YUAN)),
        ]
      : [];
    return download(stem, asciiStem, format, "预测算 Draft projection", header, t ? [row] : []);
  }
  const header = ["期间 Period", "合计（元） Total (CNY)", ...dto.columns.map(columnLabel)];
  const rows = dto.periods.map((p) => [
    textCell(p.period),
    decimalCell(p.amount, YUAN),
    ...dto.columns.map((c) => decimalCell(p.byColumn[c.id] ?? "0.00", YUAN)),
  ]);
  rows.push([textCell("合计 Total"), decimalCell(dto.total, YUAN), ...dto.columns.map(() => null)]);
  return download(stem, asciiStem, format, "股份支付费用 Expense", header, rows);
}

/** The company's expense as a spreadsheet: one row per period, the total and one column per plan, in yuan. */
export function companyExpenseDownload(dto: CompanyExpenseDto, format: "csv" | "xlsx"): ExpenseDownload {
  const header = ["期间 Period", "合计（元） Total (CNY)", ...dto.plans.map((p) => `${p.name} ${p.nameEn} (元 CNY)`)];
  const rows = dto.periods.map((p) => [
    textCell(p.period),
    decimalCell(p.amount, YUAN),
    ...dto.plans.map((pl) => decimalCell(p.byColumn[pl.planId] ?? "0.00", YUAN)),
  ]);
  rows.push([
    textCell("合计 Total"),
    decimalCell(dto.total, YUAN),
    ...dto.plans.map((p) => decimalCell(p.total, YUAN)),
  ]);
  return download(
    `公司股份支付费用-${GRAIN[dto.by].split(" ")[0]}-${dto.asOf}`,
    `company-share-based-payment-${dto.by}-${dto.asOf}`,
    format,
    "股份支付费用 Expense",
    header,
    rows,
  );
}
