/**
 * Import headers and templates: bilingual headers read in any pairing, a missing required column is
 * named (codes in details, names in both languages for the error table), and the participant list's
 * templates (XLSX and CSV) read back through the importer with every header recognised.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { errorText } from "@/lib/platform/errors/errorCodes";
import { headerLookup, normaliseHeader, templateHeader } from "@/lib/features/imports/importColumns";
import { findHeaderRow } from "@/lib/features/imports/missingColumns";
import { acceptedWarningsOfForm, assertWarningsAccepted, importWarning } from "@/lib/features/imports/importWarnings";
import { templateCsv, templateXlsx } from "@/lib/features/imports/template";
import { parseParticipantFile, rowsFromJson } from "@/lib/features/participants/participantImport";
import { PARTICIPANT_COLUMNS, participantFieldOfHeader } from "@/lib/features/participants/participantColumns";
import { participantTemplate } from "@/lib/features/participants/listTemplate";
import { listWarnings } from "@/lib/features/participants/listWarnings";
import { fieldOfHeader } from "@/lib/features/participants/rowShape";

const utf8 = (s: string) => new TextEncoder().encode(s);
const refusal = async (run: () => Promise<unknown>) =>
  run().then(
    () => {
      throw new Error("not refused");
    },
    (e: { status: number; code: string; message: string; details: Record<string, unknown> }) => e,
  );

describe("header names", () => {
  it("reads Chinese, English, bilingual and decorated headers alike", () => {
    const cases: [string, string | undefined][] = [
      ["工号", "employeeNo"],
      ["Employee No.", "employeeNo"],
      ["工号 Employee no.", "employeeNo"],
      ["*工号 Employee no.", "employeeNo"],
      ["Employee number / 员工编号", "employeeNo"],
      ["姓名\nName", "name"],
      ["授予数量（股）Quantity (shares)", "quantity"],
      ["获授的限制性股票数量（股）", "quantity"],
      ["类别代码 Category code", "categoryId"],
      ["职务 Title", "position"],
      ["身份证号码 ID no.", "idNumber"],
      // Parts naming different columns, or an unknown part, name no column.
      ["姓名 Quantity", undefined],
      ["姓名 Pinyin", undefined],
      ["备注 Remarks", undefined],
      ["", undefined],
    ];
    for (const [header, field] of cases) expect(participantFieldOfHeader(header), header).toBe(field);
    // The old names of rowShape still work for the persons import.
    expect(fieldOfHeader("工号 Employee no.")).toBe("employeeNo");
    expect(normaliseHeader(" 授予数量（股）* ")).toBe("授予数量");
  });

  it("a lookup over other columns pairs their names the same way", () => {
    const fieldOf = headerLookup([
      { field: "dept", required: true, zh: "部门", en: "Department", aliases: ["dept"], example: "研发" },
    ]);
    expect(["部门", "Department", "部门 Department", "Dept / 部门"].map(fieldOf)).toEqual([
      "dept",
      "dept",
      "dept",
      "dept",
    ]);
  });
});

describe("a missing required column", () => {
  it("is named by code in details and by name in both languages", async () => {
    const e = await refusal(() =>
      parseParticipantFile(utf8("姓名,工号,类别,职务\n张三,E00001,1,工程师\n"), "list.csv"),
    );
    expect(e).toMatchObject({
      status: 400,
      code: "MISSING_COLUMNS",
      message: "Missing required column: Quantity (授予数量).",
      details: { missing: ["quantity"], missingZh: "授予数量", missingEn: "Quantity (授予数量)" },
    });
    expect(errorText(e.code, "zh-CN", e.message, e.details)).toBe("缺少必填列：授予数量。请按模板的表头填写。");
    expect(errorText(e.code, "en", e.message, e.details)).toBe(
      "Missing required column: Quantity (授予数量). Use the template's header row.",
    );
  });

  it("is judged on the row that looks most like the header, after a title line", () => {
    const table = [["激励对象名单"], ["工号 Employee no.", "姓名 Name", "职务"], ["E00001", "张三", "工程师"]];
    const e = (() => {
      try {
        findHeaderRow(table, { columns: PARTICIPANT_COLUMNS, fieldOf: participantFieldOfHeader });
      } catch (err) {
        return err as { details: Record<string, unknown> };
      }
      throw new Error("not refused");
    })();
    expect(e.details).toEqual({
      missing: ["categoryId", "quantity"],
      missingZh: "类别、授予数量",
      missingEn: "Category (类别), Quantity (授予数量)",
    });
    const found = findHeaderRow([["标题"], ...table.slice(1).map((r) => [...r, "类别", "授予数量"])], {
      columns: PARTICIPANT_COLUMNS,
      fieldOf: participantFieldOfHeader,
    });
    expect(found.index).toBe(1);
    expect(Object.fromEntries(found.columns)).toEqual({
      employeeNo: 0,
      name: 1,
      position: 2,
      categoryId: 3,
      quantity: 4,
    });
  });
});

describe("the position warning", () => {
  it("is raised when no row gives a position, and only then", async () => {
    const withoutColumn = await parseParticipantFile(utf8("工号,姓名,类别,授予数量\nE00001,张三,1,1000\n"), "a.csv");
    expect(withoutColumn[0]).not.toHaveProperty("position");
    expect(listWarnings(withoutColumn).map((w) => w.code)).toEqual(["POSITION_COLUMN_MISSING"]);
    const [w] = listWarnings(withoutColumn);
    expect(w!.text.zh).toContain("职务");
    expect(w!.text.en).toContain("HR records");

    const emptyCells = await parseParticipantFile(utf8("工号,姓名,职务,类别,授予数量\nE00001,张三,,1,1000\n"), "b.csv");
    expect(emptyCells[0]!.position).toBe("");
    expect(listWarnings(emptyCells)).toEqual([]);

    const json = rowsFromJson([{ employeeNo: "E1", name: "张三", categoryId: 1, quantity: 1 }]);
    expect(listWarnings(json).map((x) => x.code)).toEqual(["POSITION_COLUMN_MISSING"]);
    expect(
      listWarnings(rowsFromJson([{ employeeNo: "E1", name: "张三", position: "", categoryId: 1, quantity: 1 }])),
    ).toEqual([]);
    expect(listWarnings([])).toEqual([]);
  });

  it("refuses until accepted, naming the codes", () => {
    const warning = importWarning("POSITION_COLUMN_MISSING", { en: "e", zh: "中" });
    expect(() => assertWarningsAccepted([warning], [])).toThrow(
      expect.objectContaining({
        code: "WARNINGS_NOT_ACCEPTED",
        status: 400,
        details: expect.objectContaining({
          unaccepted: ["POSITION_COLUMN_MISSING"],
        }),
      }),
    );
    expect(() => assertWarningsAccepted([warning], ["OTHER"])).toThrow();
    expect(() => assertWarningsAccepted([warning], ["POSITION_COLUMN_MISSING"])).not.toThrow();
    expect(() => assertWarningsAccepted([], [])).not.toThrow();
  });

  it("reads the accepted codes of an upload form, repeated or comma-separated, and refuses malformed ones", () => {
    const form = new FormData();
    form.append("acceptWarnings", "POSITION_COLUMN_MISSING");
    form.append("acceptWarnings", "A_CODE, B_CODE");
    expect(acceptedWarningsOfForm(form)).toEqual(["POSITION_COLUMN_MISSING", "A_CODE", "B_CODE"]);
    expect(acceptedWarningsOfForm(new FormData())).toEqual([]);
    const bad = new FormData();
    bad.append("acceptWarnings", "not a code");
    expect(() => acceptedWarningsOfForm(bad)).toThrow();
  });
});

describe("the participant list template", () => {
  const template = participantTemplate([
    { code: 1, name: "第一类", nameEn: "Category 1" },
    { code: 2, name: "第二类", nameEn: "Category 2" },
  ]);
  const exampleRow = {
    employeeNo: "E00001",
    name: "张三",
    nationality: "中国",
    position: "核心技术人员",
    categoryId: "1",
    quantity: "10000",
  };

  it("has bilingual headers with the required columns marked", () => {
    expect(PARTICIPANT_COLUMNS.map(templateHeader)).toEqual([
      "*工号 Employee no.",
      "*姓名 Name",
      "国籍 Nationality",
      "职务 Position",
      "*类别 Category",
      "*授予数量 Quantity",
      "身份证号 ID number",
    ]);
  });

  it("XLSX: reads back through the importer, every header recognised, the example row as written", async () => {
    const bytes = await templateXlsx(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const [data, notes] = workbook.worksheets;
    const header = (data!.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header.map(participantFieldOfHeader)).toEqual(PARTICIPANT_COLUMNS.map((c) => c.field));
    expect(data!.getRow(1).getCell(1).note).toBeTruthy();
    expect(data!.getColumn(1).numFmt).toBe("@");
    expect(notes!.name).toBe("填写说明 Notes");
    const noteText = JSON.stringify(notes!.getSheetValues());
    expect(noteText).toContain("1 = 第一类 Category 1");
    expect(noteText).toContain("2 = 第二类 Category 2");
    expect(await parseParticipantFile(bytes, "激励对象名单模板.xlsx")).toEqual([{ line: 2, ...exampleRow }]);
  });

  it("CSV: UTF-8 with BOM, reads back through the importer as the same row", async () => {
    const bytes = templateCsv(template);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(PARTICIPANT_COLUMNS.map(templateHeader).join(","));
    expect(await parseParticipantFile(bytes, "激励对象名单模板.csv")).toEqual([{ line: 2, ...exampleRow }]);
  });
});
