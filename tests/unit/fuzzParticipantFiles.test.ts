/**
 * Fuzzing the participant-list and grade parsers with fast-check: random bytes, random CSV grids with
 * hostile cells (formulas, control characters, huge and odd Unicode, dates in odd formats), random
 * XLSX workbooks and corrupted ones. Every outcome is rows or a 4xx refusal with a code, never a crash
 * that would answer 500; and what parses comes back as written.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";

// A fixed seed keeps CI reproducible; FC_SEED=random (or a number) explores further by hand.
if (process.env.FC_SEED !== "random") fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });
import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/platform/http/apiResponse";
import { parseParticipantFile } from "@/lib/features/participants/participantImport";
import { parseCsvTable } from "@/lib/features/participants/csv";
import { participantFieldOfHeader } from "@/lib/features/participants/participantColumns";
import { parseQuantity } from "@/lib/features/participants/validateRows";
import { parseGradesCsv, parseGradesXlsx } from "@/lib/features/vesting/vestingGrades";
import { hostileString } from "../support/fuzzValues";

/** Rows, or the HTTP status and code the route would answer with. */
async function outcome<T>(
  run: () => Promise<T> | T,
): Promise<{ ok: true; value: T } | { ok: false; status: number; code: string; error: unknown }> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const res = errorResponse(e);
    const body = (await res.json()) as { error: { code: string } };
    return { ok: false, status: res.status, code: body.error.code, error: e };
  }
}

/** Asserts a refusal is a client error with a code (4xx), printing the cause otherwise. */
function expectClientError(o: { ok: false; status: number; code: string; error: unknown }) {
  expect(o.status, String((o.error as Error)?.stack ?? o.error)).toBeGreaterThanOrEqual(400);
  expect(o.status, String((o.error as Error)?.stack ?? o.error)).toBeLessThan(500);
  expect(o.code).toMatch(/^[A-Z_]+$/);
}

const HEADERS = [
  "姓名",
  "工号",
  "国籍",
  "职务",
  "类别",
  "授予数量（股）",
  "身份证号",
  "Name",
  "Employee No.",
  "Category",
  "Quantity",
  "ID number",
  "备注",
  // The template's bilingual headers.
  "*工号 Employee no.",
  "*授予数量 Quantity",
  "职务 Position",
];
const cell = fc.oneof(
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 2 },
  { arbitrary: fc.integer().map(String), weight: 1 },
);
const grid = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 12 });
const quoteAll = (table: string[][]) =>
  table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n");
const quoteSome = (table: string[][]) =>
  table
    .map((r) =>
      r.map((c) => (/[",\r\n]/.test(c) || (r.length === 1 && c === "") ? `"${c.replace(/"/g, '""')}"` : c)).join(","),
    )
    .join("\n");
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("participant file parsing under fuzzing", () => {
  it("random bytes: rows or a 4xx refusal", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const o = await outcome(() => parseParticipantFile(bytes, "list.csv"));
        if (!o.ok) expectClientError(o);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("CSV writes of random grids read back cell for cell (RFC 4180 quoting, CRLF or LF, final line break or not)", () => {
    fc.assert(
      fc.property(
        grid.filter((t) => t.length > 0),
        fc.boolean(),
        fc.boolean(),
        (table, all, finalBreak) => {
          const text = (all ? quoteAll(table) : quoteSome(table)) + (finalBreak ? "\r\n" : "");
          // A last record that is one empty field, with no line break after it, cannot be told from no record.
          const last = table.at(-1)!;
          const expected = !finalBreak && last.length === 1 && last[0] === "" ? table.slice(0, -1) : table;
          expect(parseCsvTable(text)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("CSV files with a shuffled real header and hostile cells, well or badly quoted: rows as written, or a 4xx refusal", async () => {
    const header = fc.shuffledSubarray(HEADERS, { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(
        header,
        grid,
        fc.constantFrom("quoted", "raw", "bom", "gb18030-ish"),
        async (head, body, style) => {
          const table = [head, ...body];
          let text = style === "raw" ? table.map((r) => r.join(",")).join("\n") : quoteSome(table);
          if (style === "bom") text = "\uFEFF" + text;
          const bytes = style === "gb18030-ish" ? new Uint8Array([...utf8(text), 0xff, 0xfe]) : utf8(text);
          const o = await outcome(() => parseParticipantFile(bytes, "名单.csv"));
          if (!o.ok) return expectClientError(o);
          // Unquoted cells holding a line break are records of their own once written raw, so the bound
          // there is the physical lines after the header (seed 426642223 found a "\r\n" cell).
          const records = style === "raw" ? text.split(/\r\n|\n|\r/).length - 1 : body.length;
          expect(o.value.length).toBeLessThanOrEqual(records);
          // A row has a position exactly when the header has a position column (its absence is warned about);
          // read as GB18030, the UTF-8 Chinese of a header is garbled, so there it may be either.
          const positionColumn = head.some((h) => participantFieldOfHeader(h) === "position");
          const positionTypes =
            style === "gb18030-ish" ? ["string", "undefined"] : [positionColumn ? "string" : "undefined"];
          for (const row of o.value) {
            for (const v of [row.employeeNo, row.name, row.nationality, row.categoryId, row.quantity])
              expect(typeof v).toBe("string");
            expect(positionTypes).toContain(typeof row.position);
            expect(row.line).toBeGreaterThan(1);
          }
          expect(o.value.map((r) => r.line)).toEqual([...o.value.map((r) => r.line)].sort((a, b) => a - b));
          if (style === "quoted" || style === "bom") {
            // Properly quoted: every kept row carries exactly the cells written under the known columns.
            const noCol = head.findIndex((h) => participantFieldOfHeader(h) === "employeeNo");
            if (noCol >= 0)
              for (const r of o.value) expect(r.employeeNo).toBe((table[r.line - 1]![noCol] ?? "").trim());
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it("XLSX workbooks of random cells (text, numbers, dates, booleans, formulas, rich text): rows as the cells read, or a 4xx refusal", async () => {
    const xcell = fc.oneof(
      hostileString,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ min: new Date("1900-03-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
      fc
        .tuple(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })))
        .map(([f, r]) => ({ formula: `LEN("${f.replace(/"/g, "")}")`, result: r })),
      fc
        .array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 })
        .map((parts) => ({ richText: parts.map((text) => ({ text })) })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(HEADERS, { minLength: 4 }),
        fc.array(fc.array(xcell, { maxLength: 8 }), { maxLength: 8 }),
        async (head, body) => {
          const workbook = new ExcelJS.Workbook();
          const sheet = workbook.addWorksheet("名单");
          sheet.addRow(head);
          for (const r of body)
            sheet.addRow(
              r.map((c) =>
                typeof c === "string"
                  ? c.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/g, "")
                  : c,
              ) as ExcelJS.CellValue[],
            );
          const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
          const o = await outcome(() => parseParticipantFile(bytes, "名单.xlsx"));
          if (!o.ok) return expectClientError(o);
          expect(o.value.length).toBeLessThanOrEqual(body.length);
          for (const row of o.value) expect(typeof row.quantity).toBe("string");
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it("corrupted XLSX files (flipped bytes, truncation): rows or a 4xx refusal", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["姓名", "工号", "类别", "授予数量"]);
    for (let i = 0; i < 30; i++) sheet.addRow([`员工${i}`, `E${String(i).padStart(5, "0")}`, 1, 1000 + i]);
    const valid = new Uint8Array(await workbook.xlsx.writeBuffer());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
        fc.nat({ max: valid.length }),
        async (flips, cut) => {
          const bytes = valid.slice(0, Math.max(5, cut));
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          for (const parse of [
            () => parseParticipantFile(bytes, "x.xlsx") as Promise<unknown>,
            () => parseGradesXlsx(bytes) as Promise<unknown>,
          ]) {
            const o = await outcome(parse);
            if (!o.ok) expectClientError(o);
          }
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it("pasted grade tables: grades or a 4xx refusal", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 10 }),
        fc.constantFrom(",", "\t", ";", "，"),
        async (rows, sep) => {
          const o = await outcome(() =>
            parseGradesCsv(["工号" + sep + "考核等级", ...rows.map((r) => r.join(sep))].join("\n")),
          );
          if (!o.ok) return expectClientError(o);
          for (const g of o.value) expect(g.employeeNo.length * g.grade.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it("quantities: whole positive share counts in any of the usual spellings, null for anything else, never a throw", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseQuantity(String(n))).toBe(n);
        expect(parseQuantity(n.toLocaleString("en-US"))).toBe(n);
        expect(parseQuantity(`${n}.00`)).toBe(n);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(hostileString, (s) => {
        const q = parseQuantity(s);
        expect(q === null || (Number.isSafeInteger(q) && q > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
