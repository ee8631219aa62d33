import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import type { Actor } from "@/lib/auth/actor";
import {
  applyParticipants,
  listParticipantVersions,
  listVersionDiff,
  parseParticipantFile,
  previewParticipants,
  rowsFromJson,
  type ParticipantRow,
} from "@/lib/features/participants/participantImport";
import { parseCsvTable } from "@/lib/features/participants/csv";
import { parseQuantity } from "@/lib/features/participants/validateRows";
import { createPlan, planInputSchema } from "@/lib/features/plans/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";
type Person = { employee_no: string; name: string; position: string; nationality: string; id_number_enc: string };

/** A row for a person as the files carry it. */
const row = (
  p: Person,
  quantity: string | number,
  extra: Partial<{ categoryId: string | number; name: string; idNumber: string; position: string }> = {},
) => ({
  employeeNo: p.employee_no,
  name: extra.name ?? p.name,
  nationality: p.nationality,
  position: extra.position ?? p.position,
  categoryId: extra.categoryId ?? 1,
  quantity,
  ...(extra.idNumber ? { idNumber: extra.idNumber } : {}),
});

describe("CSV cells", () => {
  it("reads quoted fields, doubled quotes and CRLF", () => {
    expect(parseCsvTable('a,"b,c","say ""hi"""\r\n1,,3\n')).toEqual([
      ["a", "b,c", 'say "hi"'],
      ["1", "", "3"],
    ]);
  });
  it("accepts whole share counts only", () => {
    expect(["1000", "1,000", "1000.0", " 2 000 "].map(parseQuantity)).toEqual([1000, 1000, 1000, 2000]);
    expect(["100.5", "0", "-5", "1e3", "abc", ""].map(parseQuantity)).toEqual([null, null, null, null, null, null]);
  });
});

describe.each(BACKENDS)("participant list import on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let planId: string;
  let people: Map<string, Person>;
  const p = (no: string) => people.get(no)!;
  const counts = async () =>
    (
      await rows<{ versions: number; entries: number; audits: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM participant_list_versions) AS versions, (SELECT count(*)::int FROM participant_list_entries) AS entries, (SELECT count(*)::int FROM audit_log) AS audits`,
      )
    )[0]!;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: null };
    const tranches = [
      { index: 1, startMonths: 12, endMonths: 24, ratio: "0.5" },
      { index: 2, startMonths: 24, endMonths: 36, ratio: "0.5" },
    ];
    const plan = await createPlan(
      h.db,
      actor,
      planInputSchema.parse({
        name: "2027年计划",
        nameEn: "2027 plan",
        totalQuantity: 6_000_000,
        firstGrantQuantity: 5_000_000,
        reservedQuantity: 1_000_000,
        shareCapitalAtAnnouncement: 461_000_000,
        validityMonths: 60,
        blackoutRule: { preset: "2024-05-24 rules" },
        categories: [
          { code: 1, name: "第一类", nameEn: "Category 1", tranches },
          { code: 2, name: "第二类", nameEn: "Category 2", tranches },
        ],
      }),
    );
    planId = plan.id;
    const list = await rows<Person>(
      h,
      sql`SELECT employee_no, name, position, nationality, id_number_enc FROM persons`,
    );
    people = new Map(list.map((x) => [x.employee_no, x]));
  });
  afterAll(async () => h?.close());

  it("parses CSV (with BOM) and XLSX (with a title row and English headers) into the same rows", async () => {
    const a = p("E00010");
    const b = p("E00011");
    const id = decryptIdNumber(a.id_number_enc);
    const csv = [
      "激励对象名单",
      "姓名,工号,国籍,职务,类别,授予数量（股）,身份证号",
      `${a.name},${a.employee_no},中国,"研发中心, 高级工程师",1,12000,${id}`,
      `${b.name},${b.employee_no},中国,"产品经理 ""A""",2,8000,`,
      ",,,,,,",
      "合计,,,,,20000,",
    ].join("\r\n");
    const fromCsv = await parseParticipantFile(
      new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, "utf8")])),
      "list.csv",
    );

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["激励对象名单"]);
    sheet.addRow(["Name", "Employee No.", "NATIONALITY", "Position", "Category", "Quantity", "ID number"]);
    sheet.addRow([{ richText: [{ text: a.name }] }, a.employee_no, "中国", "研发中心, 高级工程师", 1, 12000, id]);
    sheet.addRow([b.name, b.employee_no, "中国", '产品经理 "A"', 2, { formula: "4000*2", result: 8000 }, null]);
    sheet.addRow([]);
    sheet.addRow(["合计", null, null, null, null, 20000]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const fromXlsx = await parseParticipantFile(xlsx, "list.xlsx");

    const expected: ParticipantRow[] = [
      {
        line: 3,
        employeeNo: a.employee_no,
        name: a.name,
        nationality: "中国",
        position: "研发中心, 高级工程师",
        categoryId: "1",
        quantity: "12000",
        idNumber: id,
      },
      {
        line: 4,
        employeeNo: b.employee_no,
        name: b.name,
        nationality: "中国",
        position: '产品经理 "A"',
        categoryId: "2",
        quantity: "8000",
      },
    ];
    expect(fromCsv).toEqual(expected);
    expect(fromXlsx).toEqual(expected);
    const preview = await previewParticipants(h.db, planId, "first", fromXlsx);
    expect(preview.ok).toBe(true);
    expect(preview.rows.map((r) => [r.categoryCode, r.quantity, r.idNumberChecked])).toEqual([
      [1, 12000, true],
      [2, 8000, false],
    ]);
    expect(JSON.stringify(preview)).not.toContain(id);
  });

  it("refuses a file without the required columns", async () => {
    await expect(
      parseParticipantFile(new TextEncoder().encode("姓名,职务\n张三,工程师\n"), "x.csv"),
    ).rejects.toMatchObject({
      status: 400,
      code: "MISSING_COLUMNS",
      details: { missing: ["employeeNo", "categoryId", "quantity"] },
    });
  });

  it("lists every row error of a crafted file without writing", async () => {
    const before = await counts();
    const wrongId = "110108199001011234";
    const input = rowsFromJson([
      { employeeNo: "E99999", name: "无此人", nationality: "中国", position: "工程师", categoryId: 1, quantity: 1000 },
      row(p("E00010"), 1000),
      row(p("E00010"), 2000),
      row(p("E00011"), "100.5"),
      row(p("E00290"), 1000),
      row(p("E00291"), 1000),
      row(p("E00292"), 1000),
      row(p("E00012"), 4_610_001),
      row(p("E00013"), 1000, { name: "张冒名" }),
      row(p("E00014"), 1000, { categoryId: 9 }),
      row(p("E00015"), 1000, { idNumber: wrongId }),
      row(p("E00150"), 1000),
      // E00100 holds 2022 grants and is on the 2026 list: those count towards the 1 % too.
      row(p("E00100"), 4_600_000),
    ]);
    const preview = await previewParticipants(h.db, planId, "first", input);
    const codes = preview.rows.map((r) => r.errors.map((e) => e.code));
    expect(codes).toEqual([
      ["UNKNOWN_PERSON"],
      [],
      ["DUPLICATE_PERSON"],
      ["INVALID_QUANTITY"],
      ["INELIGIBLE_PERSON"],
      ["INELIGIBLE_PERSON"],
      ["INELIGIBLE_PERSON"],
      ["CAP_PERSON_EXCEEDED"],
      ["NAME_MISMATCH"],
      ["UNKNOWN_CATEGORY"],
      ["ID_MISMATCH"],
      ["PERSON_LEFT"],
      ["CAP_PERSON_EXCEEDED"],
    ]);
    expect(preview.rows.slice(4, 7).map((r) => r.errors[0]!.details.reasons)).toEqual([
      ["independent_director"],
      ["supervisor"],
      ["major_holder"],
    ]);
    expect(preview.rows[2]!.errors[0]!.details).toEqual({ firstLine: 2 });
    expect(preview.rows[7]!.errors[0]!.details).toMatchObject({
      limit: 4_610_000,
      existing: 0,
      requested: 4_610_001,
      excess: 1,
    });
    const e100 = preview.rows[12]!.errors[0]!.details as { existing: number; total: number };
    expect(e100.existing).toBeGreaterThan(10_000);
    expect(e100.total).toBe(e100.existing + 4_600_000);
    expect(preview.ok).toBe(false);
    expect(preview.summary).toMatchObject({ rows: 13, people: 12, errorRows: 12, limit: 5_000_000 });
    // 4,610,001 + 4,600,000 + ... is far above the 5,000,000 first grant.
    expect(preview.listErrors.map((e) => e.code)).toEqual(["LIST_TOTAL_EXCEEDED"]);
    expect(JSON.stringify(preview)).not.toContain(wrongId);
    expect(await counts()).toEqual(before);
  });

  it("checks a reserved list against the reserve still available", async () => {
    const [plan2022] = await rows<{ id: string }>(h, sql`SELECT id FROM plans WHERE name_en LIKE '2022%'`);
    // 200,000 reserved, 150,000 granted from it in 2023: 50,000 remain.
    const preview = await previewParticipants(
      h.db,
      plan2022!.id,
      "reserved",
      rowsFromJson([row(p("E00270"), 30_000), row(p("E00271"), 30_000)]),
    );
    expect(preview.rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(preview.listErrors).toEqual([
      expect.objectContaining({
        code: "RESERVE_EXCEEDED",
        details: { kind: "reserve_balance", total: 60_000, limit: 50_000, excess: 10_000 },
      }),
    ]);
  });

  it("applies a list as a new version, ignores the same list twice and diffs versions", async () => {
    const before = await counts();
    const v1Rows = rowsFromJson([
      row(p("E00020"), 10_000),
      row(p("E00021"), 20_000, { categoryId: 2 }),
      row(p("E00022"), 30_000, { position: "另写的职务" }),
    ]);
    const first = await applyParticipants(h.db, actor, planId, "first", v1Rows, "名单v1.xlsx");
    expect(first).toMatchObject({ version: 1, previousVersion: null, unchanged: false, people: 3, total: 60_000 });
    expect(await counts()).toEqual({
      versions: before.versions + 1,
      entries: before.entries + 3,
      audits: before.audits + 1,
    });
    const [audit] = await rows<{ action: string; before: unknown; after: { version: number; people: number } }>(
      h,
      sql`SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({
      action: "participants.apply",
      before: null,
      after: { version: 1, people: 3, total: 60_000, batch: "first" },
    });
    // Persons are not edited by a list: the listed position lives on the entry only.
    const [person] = await rows<{ position: string }>(
      h,
      sql`SELECT position FROM persons WHERE employee_no = 'E00022'`,
    );
    expect(person!.position).toBe(p("E00022").position);

    const again = await applyParticipants(h.db, actor, planId, "first", [...v1Rows].reverse(), "名单v1-copy.xlsx");
    expect(again).toMatchObject({ version: 1, versionId: first.versionId, unchanged: true });
    expect(await counts()).toEqual({
      versions: before.versions + 1,
      entries: before.entries + 3,
      audits: before.audits + 1,
    });

    const v2 = await applyParticipants(
      h.db,
      actor,
      planId,
      "first",
      rowsFromJson([row(p("E00020"), 15_000), row(p("E00021"), 20_000, { categoryId: 1 }), row(p("E00023"), 5_000)]),
    );
    expect(v2).toMatchObject({ version: 2, previousVersion: 1, unchanged: false });
    const [audit2] = await rows<{ before: { version: number }; after: { version: number } }>(
      h,
      sql`SELECT before, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect([audit2!.before.version, audit2!.after.version]).toEqual([1, 2]);

    const diff = await listVersionDiff(h.db, planId, "first", 1, 2);
    expect(diff.added.map((e) => e.employeeNo)).toEqual(["E00023"]);
    expect(diff.removed.map((e) => e.employeeNo)).toEqual(["E00022"]);
    expect(diff.changed).toEqual([
      expect.objectContaining({
        employeeNo: "E00020",
        before: { quantity: 10_000, categoryCode: 1 },
        after: { quantity: 15_000, categoryCode: 1 },
      }),
      expect.objectContaining({
        employeeNo: "E00021",
        before: { quantity: 20_000, categoryCode: 2 },
        after: { quantity: 20_000, categoryCode: 1 },
      }),
    ]);
    const listed = await listParticipantVersions(h.db, planId);
    expect(listed.latest).toEqual({ first: 2, reserved: null });
    expect(listed.versions.map((v) => [v.version, v.sourceFileName, v.entries.length])).toEqual([
      [1, "名单v1.xlsx", 3],
      [2, null, 3],
    ]);
    await expect(listVersionDiff(h.db, planId, "first", 1, 7)).rejects.toMatchObject({ status: 404 });
  });

  it("writes nothing when one row is bad: no version, no entries, no audit row", async () => {
    const before = await counts();
    const input = rowsFromJson([row(p("E00030"), 1000), row(p("E00031"), 1000), row(p("E00290"), 1000)]);
    const error = await applyParticipants(h.db, actor, planId, "first", input).then(
      () => {
        throw new Error("not refused");
      },
      (e: unknown) =>
        e as { status: number; code: string; details: { rows: { line: number; errors: { code: string }[] }[] } },
    );
    expect(error).toMatchObject({ status: 422, code: "INVALID_PARTICIPANT_LIST" });
    expect(error.details.rows).toEqual([
      { line: 3, employeeNo: "E00290", errors: [expect.objectContaining({ code: "INELIGIBLE_PERSON" })] },
    ]);
    expect(await counts()).toEqual(before);
    const listed = await listParticipantVersions(h.db, planId, "first");
    expect(listed.latest.first).toBe(2);
  });

  it("a list changed after verification marks the verification stale in the same transaction", async () => {
    const [plan2022] = await rows<{ id: string }>(h, sql`SELECT id FROM plans WHERE name_en LIKE '2022%'`);
    const stale = async () =>
      (
        await rows<{ batch: string; stale: boolean }>(
          h,
          sql`SELECT v.batch, r.stale FROM verification_records r JOIN participant_list_versions v ON v.id = r.list_version_id WHERE r.plan_id = ${plan2022!.id} ORDER BY v.batch`,
        )
      ).map((r) => [r.batch, r.stale]);
    expect(await stale()).toEqual([
      ["first", false],
      ["reserved", false],
    ]);
    const [cat] = await rows<{ id: string }>(
      h,
      sql`SELECT id FROM participant_categories WHERE plan_id = ${plan2022!.id} AND code = 1`,
    );
    const result = await applyParticipants(
      h.db,
      actor,
      plan2022!.id,
      "first",
      rowsFromJson([row(p("E00160"), 5_000, { categoryId: cat!.id })]),
    );
    expect(result).toMatchObject({ version: 2, unchanged: false });
    // Only the verification of the changed (first) list goes stale; the reserved list's stands.
    expect(await stale()).toEqual([
      ["first", true],
      ["reserved", false],
    ]);
    const [audit] = await rows<{ action: string }>(
      h,
      sql`SELECT action FROM audit_log WHERE action = 'verification.stale' AND entity_id = ${plan2022!.id}`,
    );
    expect(audit?.action).toBe("verification.stale");
  });

  it("refuses an empty list", async () => {
    await expect(applyParticipants(h.db, actor, planId, "first", [])).rejects.toMatchObject({
      status: 422,
      code: "INVALID_PARTICIPANT_LIST",
      details: { listErrors: [expect.objectContaining({ code: "EMPTY_LIST" })] },
    });
  });
});
