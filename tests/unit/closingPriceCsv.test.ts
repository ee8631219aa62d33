/**
 * The closing-price file as HR pastes or uploads it: both header languages, BOM, commas or tabs, the two
 * date forms, quoted and grouped prices, and every malformed line reported with its line number.
 */
import { describe, expect, it } from "vitest";
import { parseClosingPriceCsv } from "@/lib/features/tax/closingPriceCsv";
import { ERROR_CODES } from "@/lib/platform/errors/errorCodes";

describe("parseClosingPriceCsv", () => {
  it("reads English headers with commas, and Chinese headers with tabs and a BOM", () => {
    expect(parseClosingPriceCsv("date,close\n2026-03-02,45.26\n2026-03-03,45.3\n")).toEqual({
      rows: [
        { line: 2, tradeDate: "2026-03-02", close: "45.26" },
        { line: 3, tradeDate: "2026-03-03", close: "45.3" },
      ],
      errors: [],
    });
    expect(parseClosingPriceCsv("\uFEFF日期\t收盘价\r\n2026/03/02\t45.2600\r\n2026/3/3\t12\r\n")).toEqual({
      rows: [
        { line: 2, tradeDate: "2026-03-02", close: "45.26" },
        { line: 3, tradeDate: "2026-03-03", close: "12" },
      ],
      errors: [],
    });
  });

  it("finds the columns among others, in any order and case, and skips blank lines", () => {
    const csv = [
      "",
      "代码,开盘,收盘,DATE",
      "688001,44.00,45.26,2026-03-02",
      "   ",
      ",,,",
      "688001,45.00,46.10,2026-03-03",
    ];
    expect(parseClosingPriceCsv(csv.join("\n"))).toEqual({
      rows: [
        { line: 3, tradeDate: "2026-03-02", close: "45.26" },
        { line: 6, tradeDate: "2026-03-03", close: "46.1" },
      ],
      errors: [],
    });
  });

  it("reads quoted cells and a price with thousands separators", () => {
    expect(parseClosingPriceCsv('"date","close"\n"2026-03-02","1,688.50"\n').rows).toEqual([
      { line: 2, tradeDate: "2026-03-02", close: "1688.5" },
    ]);
  });

  it("reports bad dates, bad prices and a date given twice, each on its line, and keeps the good rows", () => {
    const csv = [
      "date,close",
      "2026-03-02,45.26",
      "2026-02-30,45.00",
      "03/04/2026,45.00",
      "2026-03-05,abc",
      "2026-03-06,-1",
      "2026-03-09,0",
      "2026-03-10,45.12345",
      "2026-03-11,",
      "2026/3/2,46.00",
      "2026-03-12,1e3",
      "2026-03-13,123456789.5",
    ].join("\n");
    const { rows, errors } = parseClosingPriceCsv(csv);
    expect(rows).toEqual([{ line: 2, tradeDate: "2026-03-02", close: "45.26" }]);
    expect(errors.map((e) => [e.line, e.code, e.value])).toEqual([
      [3, "CLOSING_PRICE_INVALID_DATE", "2026-02-30"],
      [4, "CLOSING_PRICE_INVALID_DATE", "03/04/2026"],
      [5, "CLOSING_PRICE_INVALID_CLOSE", "abc"],
      [6, "CLOSING_PRICE_INVALID_CLOSE", "-1"],
      [7, "CLOSING_PRICE_INVALID_CLOSE", "0"],
      [8, "CLOSING_PRICE_INVALID_CLOSE", "45.12345"],
      [9, "CLOSING_PRICE_INVALID_CLOSE", ""],
      [10, "CLOSING_PRICE_DUPLICATE_DATE", "2026/3/2"],
      [11, "CLOSING_PRICE_INVALID_CLOSE", "1e3"],
      [12, "CLOSING_PRICE_INVALID_CLOSE", "123456789.5"],
    ]);
    expect(errors.find((e) => e.code === "CLOSING_PRICE_DUPLICATE_DATE")!.details).toEqual({
      tradeDate: "2026-03-02",
      firstLine: 2,
    });
  });

  it("reports a missing column with its names in both languages, and an empty file", () => {
    expect(parseClosingPriceCsv("日期,开盘价\n2026-03-02,45\n")).toEqual({
      rows: [],
      errors: [
        {
          line: 1,
          code: "MISSING_COLUMNS",
          message: "Missing required column: close.",
          value: "日期,开盘价",
          details: { missingZh: "收盘价", missingEn: "close" },
        },
      ],
    });
    expect(parseClosingPriceCsv("").errors.map((e) => e.code)).toEqual(["CLOSING_PRICE_FILE_EMPTY"]);
    expect(parseClosingPriceCsv("\uFEFF\n\n").errors.map((e) => e.code)).toEqual(["CLOSING_PRICE_FILE_EMPTY"]);
    expect(parseClosingPriceCsv("date,close\n\n").errors).toEqual([
      { line: 1, code: "CLOSING_PRICE_FILE_EMPTY", message: "The file has no closing prices below its header." },
    ]);
  });

  it("uses only codes the error table knows, so a page can show each in the reader's language", () => {
    const { errors } = parseClosingPriceCsv("date,close\nx,y\n2026-03-02,1\n2026-03-02,1\n");
    const empty = parseClosingPriceCsv("").errors;
    const missing = parseClosingPriceCsv("a,b\n").errors;
    for (const e of [...errors, ...empty, ...missing]) expect(ERROR_CODES[e.code], e.code).toBeDefined();
  });
});
