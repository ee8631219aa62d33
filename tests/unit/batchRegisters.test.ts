import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  capitalVerificationDownload,
  capitalVerificationRegister,
} from "../../lib/features/vesting-batches/registers/capitalVerificationRegister";
import {
  DEFAULT_REGISTRAR_COLUMNS,
  REGISTRAR_COLUMNS,
  registrarList,
  registrarListDownload,
  registrarTable,
} from "../../lib/features/vesting-batches/registers/registrarList";
import {
  withholdingDownload,
  withholdingRegister,
  withholdingTable,
} from "../../lib/features/vesting-batches/registers/withholdingRegister";
import { ApiError } from "../../lib/platform/errors/apiError";
import { fixtureBatch, ids } from "../support/vestingBatchFixture";

// ignoreBOM keeps the byte order mark Excel needs, so the tests see it.
async function text(body: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
}
async function sheet(body: ReadableStream<Uint8Array>): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await new Response(body).arrayBuffer()) as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

describe("capitalVerificationRegister", () => {
  it("lists each grantee who vests, and the totals tie to the batch", () => {
    const r = capitalVerificationRegister(fixtureBatch());
    expect(r.rows).toEqual([
      // 3,000 × 1.00 = 3,000.00 to share capital; 59,040.00 − 3,000.00 = 56,040.00 to the reserve
      {
        employeeNo: "E00123",
        name: "张三",
        shares: 3000,
        amount: "59040.00",
        toShareCapital: "3000.00",
        toCapitalReserve: "56040.00",
      },
      // 1,524 × 19.68 = 29,992.32; 29,992.32 − 1,524.00 = 28,468.32
      {
        employeeNo: "E00456",
        name: "李四",
        shares: 1524,
        amount: "29992.32",
        toShareCapital: "1524.00",
        toCapitalReserve: "28468.32",
      },
    ]);
    // 89,040.00 paid − 7.68 refund = 89,032.32
    expect(r.totals).toEqual({
      people: 2,
      shares: 4524,
      amount: "89032.32",
      toShareCapital: "4524.00",
      toCapitalReserve: "84508.32",
    });
  });

  it("writes CSV with Chinese headers and a totals row, and XLSX with numbers", async () => {
    const csv = capitalVerificationDownload(fixtureBatch(), "csv", { asOf: "2025-06-20" });
    expect(csv.filename).toBe("2024年限制性股票激励计划-第1批归属-验资明细表-2025-06-20.csv");
    expect(csv.asciiFilename).toBe("vesting-batch-1-capital-verification-2025-06-20.csv");
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    expect(await text(csv.body)).toBe(
      "\uFEFF工号,姓名,归属股数（股）,缴款金额（元）,计入股本（元）,计入资本公积（元）\r\n" +
        "E00123,张三,3000,59040.00,3000.00,56040.00\r\n" +
        "E00456,李四,1524,29992.32,1524.00,28468.32\r\n" +
        "合计,2人,4524,89032.32,4524.00,84508.32\r\n",
    );
    const ws = await sheet(
      capitalVerificationDownload(fixtureBatch(), "xlsx", { asOf: "2025-06-20", locale: "en" }).body,
    );
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "Employee no.",
      "Name",
      "Shares vested",
      "Amount paid (CNY)",
      "To share capital (CNY)",
      "To capital reserve (CNY)",
    ]);
    expect(ws.getRow(4).values).toEqual([undefined, "Total", "2 people", 4524, 89032.32, 4524, 84508.32]);
    expect(ws.getCell("D2").numFmt).toBe("#,##0.00");
  });

  it("refuses a batch whose payment is still open, and a register that does not tie to the batch", () => {
    const open = fixtureBatch();
    open.status = "payment_open";
    open.lines = open.lines.map((l) => ({ ...l, paidShares: null, waivedShares: null, refund: null }));
    let error: unknown;
    try {
      capitalVerificationRegister(open);
    } catch (e) {
      error = e;
    }
    expect(error instanceof ApiError && error.code).toBe("VESTING_BATCH_STATUS");
    const off = fixtureBatch();
    off.totals.paidShares = 4525;
    expect(() => capitalVerificationRegister(off)).toThrow(/does not tie/);
  });
});

describe("withholdingRegister", () => {
  it("lists the lines that vest with their tax, and totals them", () => {
    const r = withholdingRegister(fixtureBatch());
    expect(r.rows.map((x) => [x.employeeNo, x.shares, x.taxableIncome, x.tax])).toEqual([
      ["E00123", 3000, "75960.00", "5076.00"],
      ["E00456", 1524, "38587.68", "1338.77"],
    ]);
    // 75,960.00 + 38,587.68 = 114,547.68; 5,076.00 + 1,338.77 = 6,414.77
    expect(r.totals).toEqual({ lines: 2, shares: 4524, taxableIncome: "114547.68", tax: "6414.77", notComputed: 0 });
  });

  it("says why a tax was not computed, in either language", async () => {
    const b = fixtureBatch();
    b.lines[1] = {
      ...b.lines[1]!,
      taxableIncome: null,
      tax: null,
      taxStatus: "non_resident",
      yearToDateIncome: null,
      yearToDateTax: null,
    };
    b.totals.tax = "5076.00";
    const zh = withholdingTable(withholdingRegister(b));
    expect(zh.rows[1]![7]).toBe("非居民个人，未计算");
    expect(zh.rows[2]).toEqual([
      "合计",
      "2笔",
      4524,
      null,
      null,
      { value: "75960.00", numFmt: "#,##0.00" },
      { value: "5076.00", numFmt: "#,##0.00" },
      "1笔未计算",
      null,
      null,
      null,
    ]);
    expect(withholdingTable(withholdingRegister(b), "en").rows[1]![7]).toBe("Non-resident: not computed");
    const csv = await text(withholdingDownload(fixtureBatch(), "csv", { asOf: "2025-06-20" }).body);
    expect(csv.split("\r\n")[0]).toBe(
      "\uFEFF工号,姓名,归属股数（股）,授予价格（调整后，元/股）,归属日收盘价（元/股）,应纳税所得额（元）,应扣缴税额（元）,计算状态,本年累计股权激励收入（元）,本年累计应纳税额（元）,递延纳税截止日",
    );
    expect(csv.split("\r\n")[1]).toBe(
      "E00123,张三,3000,19.68,45.00,75960.00,5076.00,已计算,75960.00,5076.00,2028-06-16",
    );
  });
});

describe("registrarList", () => {
  it("exports the fixed column set with default order and headers in both languages", () => {
    expect(DEFAULT_REGISTRAR_COLUMNS).toEqual(REGISTRAR_COLUMNS);
    const list = registrarList(fixtureBatch(), ids);
    const t = registrarTable(list);
    expect(t.header).toEqual([
      "姓名",
      "证件类型",
      "证件号码",
      "证券账户",
      "工号",
      "归属股数（股）",
      "授予批次",
      "归属期",
    ]);
    expect(t.rows).toEqual([
      ["张三", "居民身份证", "110101199003074514", "A123456789", "E00123", 3000, "首次授予", 1],
      ["李四", "护照", "E12345678", "A987654321", "E00456", 1524, "首次授予", 1],
      ["合计：2人", null, null, null, null, 4524, null, null],
    ]);
    expect(list.totals).toEqual({ people: 2, shares: 4524 });
    expect(list.incomplete).toEqual([]);
    expect(registrarTable(list, "en").header[1]).toBe("ID type");
    expect(registrarTable(list, "en").rows[1]![1]).toBe("Passport");
  });

  it("takes HR's column order, adds a person's lines up, and can leave the totals row out", () => {
    const b = fixtureBatch();
    b.periods.push({
      ...b.periods[0]!,
      grantBatchId: "gb-reserved",
      grantBatchKind: "reserved",
      grantDate: "2024-11-15",
    });
    b.lines.push({
      ...b.lines[1]!,
      lineId: "line-p2-r",
      grantBatchId: "gb-reserved",
      paidShares: 500,
      waivedShares: 0,
    });
    b.totals.paidShares = 5024;
    const list = registrarList(b, new Map([["p1", ids.get("p1")!]]), [
      "shares",
      "employeeNo",
      "grantBatch",
      "idNumber",
    ]);
    expect(registrarTable(list, "zh-CN", { totalsRow: false }).rows).toEqual([
      [3000, "E00123", "首次授予", "110101199003074514"],
      [2024, "E00456", "首次授予、预留授予", null],
    ]);
    // The label goes to the first column that is not the shares
    expect(registrarTable(list).rows[2]).toEqual([5024, "合计：2人", null, null]);
    expect(list.incomplete).toEqual([{ personId: "p2", employeeNo: "E00456", name: "李四", missing: ["idNumber"] }]);
  });

  it("refuses unknown or repeated columns", () => {
    for (const columns of [["name", "salary"], ["name", "name"], []]) {
      let error: unknown;
      try {
        registrarList(fixtureBatch(), ids, columns);
      } catch (e) {
        error = e;
      }
      expect(error instanceof ApiError && error.code).toBe("BAD_REQUEST");
    }
  });

  it("streams CSV and XLSX through the formula-safe writers, and names a file with ID numbers", async () => {
    const b = fixtureBatch();
    b.lines[0] = { ...b.lines[0]!, name: '=HYPERLINK("x")' };
    const csv = registrarListDownload(b, ids, ["name", "idNumber", "shares"], "csv", {
      asOf: "2025-06-20",
      idNumbersShown: true,
    });
    expect(csv.filename).toBe("2024年限制性股票激励计划-第1批归属-归属股份登记明细-含证件号码-2025-06-20.csv");
    expect(csv.asciiFilename).toBe("vesting-batch-1-registrar-list-with-id-numbers-2025-06-20.csv");
    expect(await text(csv.body)).toBe(
      "\uFEFF姓名,证件号码,归属股数（股）\r\n" +
        '"\'=HYPERLINK(""x"")",110101199003074514,3000\r\n' +
        "李四,E12345678,1524\r\n" +
        "合计：2人,,4524\r\n",
    );
    // Masked numbers (the caller says so) do not name the file as holding ID numbers.
    const masked = registrarListDownload(b, ids, ["name", "idNumber", "shares"], "csv", {
      asOf: "2025-06-20",
      idNumbersShown: false,
    });
    expect(masked.filename).toBe("2024年限制性股票激励计划-第1批归属-归属股份登记明细-2025-06-20.csv");
    const xlsx = registrarListDownload(b, ids, ["employeeNo", "shares"], "xlsx", {
      asOf: "2025-06-20",
      idNumbersShown: true,
    });
    expect(xlsx.filename).toBe("2024年限制性股票激励计划-第1批归属-归属股份登记明细-2025-06-20.xlsx");
    const ws = await sheet(xlsx.body);
    expect([ws.getCell("A2").value, ws.getCell("B2").value, ws.getCell("B4").value]).toEqual(["E00123", 3000, 4524]);
  });
});
