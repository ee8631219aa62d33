import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { persons, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import { listPersons, personDetail } from "@/lib/features/persons/personDirectory";
import { createPerson, updatePerson } from "@/lib/features/persons/personRecords";
import { createPersonSchema } from "@/lib/features/persons/personSchemas";
import { parsePersonFile, personTableFromJson } from "@/lib/features/persons/personFile";
import { applyPersonImport, previewPersonImport } from "@/lib/features/persons/personImport";
import { personImportTemplate } from "@/lib/features/persons/personTemplate";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

// Fictional numbers with correct GB 11643 check digits (the standard's own example and two made here).
const ID_A = "11010519491231002X";
const ID_B = "440301199001011234";
const checkDigit = (first17: string) =>
  "10X98765432"[
    [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * Number(first17[i]), 0) % 11
  ];

describe.each(BACKENDS)("person records on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  const auditCount = async (action: string) =>
    Number(
      (await rows<{ n: string }>(h, sql`SELECT count(*)::text AS n FROM audit_log WHERE action = ${action}`))[0]!.n,
    );
  const personCount = async () =>
    Number((await rows<{ n: string }>(h, sql`SELECT count(*)::text AS n FROM persons`))[0]!.n);

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, "2026-12-06");
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.3.3.3" };
  });
  afterAll(async () => h?.close());

  it("computes the fixtures' check digits as the test expects", () => {
    expect(checkDigit(ID_A.slice(0, 17))).toBe("X");
    expect(checkDigit(ID_B.slice(0, 17))).toBe(ID_B[17]);
  });

  it("creates a person with the ID number sealed and audited without it", async () => {
    const p = await createPerson(
      h.db,
      actor,
      createPersonSchema.parse({
        employeeNo: "N30001",
        name: "林晓",
        namePinyin: "Lin Xiao",
        position: "算法工程师",
        department: "研发中心",
        email: "Lin.Xiao@Example.com",
        nationality: "cn",
        idNumber: ID_A.toLowerCase(),
        isCoreTechnician: true,
      }),
    );
    expect(p).toMatchObject({
      employeeNo: "N30001",
      email: "lin.xiao@example.com",
      nationality: "CN",
      idType: "resident_id",
      idNumberMasked: "**************002X",
      employmentStatus: "active",
      userId: null,
    });
    expect(p.flags.isCoreTechnician).toBe(true);
    expect(p.flags.isDirector).toBe(false);
    const [stored] = await h.db.select().from(persons).where(eq(persons.id, p.id));
    expect(stored!.idNumberEnc).not.toContain("002X");
    expect(decryptIdNumber(stored!.idNumberEnc!)).toBe(ID_A);
    const audit = await rows<{ after: unknown }>(
      h,
      sql`SELECT after FROM audit_log WHERE action = 'person.create' AND entity_id = ${p.id}`,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(ID_A.slice(0, 10));
  });

  it("refuses a taken employee number and a wrong check digit, writing nothing", async () => {
    const before = await personCount();
    const audits = await auditCount("person.create");
    const dup = await refusal(createPerson(h.db, actor, { employeeNo: "N30001", name: "Other", position: "x" }));
    expect(dup.code).toBe("PERSON_EXISTS");
    const bad = await refusal(
      createPerson(h.db, actor, {
        employeeNo: "N30002",
        name: "王五",
        position: "x",
        idNumber: ID_B.slice(0, 17) + "0",
      }),
    );
    expect(bad.code).toBe("ID_NUMBER_CHECK_DIGIT");
    expect(bad.details).toMatchObject({ expected: ID_B[17] });
    const passport = await refusal(
      createPerson(h.db, actor, {
        employeeNo: "N30002",
        name: "Tanaka",
        position: "x",
        idType: "hk_macau_permit",
        idNumber: "X1234",
      }),
    );
    expect(passport.code).toBe("ID_NUMBER_INVALID");
    expect(await personCount()).toBe(before);
    expect(await auditCount("person.create")).toBe(audits);
  });

  it("updates only what differs and says when nothing did", async () => {
    const [p] = (await listPersons(h.db, { q: "N30001" })).items;
    const same = await updatePerson(h.db, actor, p!.id, { position: "算法工程师" });
    expect(same.unchanged).toBe(true);
    const audits = await auditCount("person.update");
    const changed = await updatePerson(h.db, actor, p!.id, { position: "首席算法工程师", isSeniorManager: true });
    expect(changed).toMatchObject({ unchanged: false, position: "首席算法工程师" });
    expect(changed.flags.isSeniorManager).toBe(true);
    expect(await auditCount("person.update")).toBe(audits + 1);
    const typeOnly = await refusal(updatePerson(h.db, actor, p!.id, { idType: "passport" }));
    expect(typeOnly.code).toBe("BAD_REQUEST");
    const removed = await updatePerson(h.db, actor, p!.id, { idNumber: null });
    expect(removed.idNumberMasked).toBeNull();
  });

  it("pages through people by employee number with filters and refuses a forged cursor", async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listPersons(h.db, { limit: 7, cursor });
      all.push(...page.items.map((p) => p.employeeNo));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const total = await personCount();
    expect(all).toHaveLength(total);
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(total);
    const core = await listPersons(h.db, { flag: "isSeniorManager", limit: 200 });
    expect(core.items.every((p) => p.flags.isSeniorManager)).toBe(true);
    expect(core.items.map((p) => p.employeeNo)).toContain("N30001");
    const left = await listPersons(h.db, { status: "left", limit: 200 });
    expect(left.items.every((p) => p.employmentStatus === "left")).toBe(true);
    expect((await refusal(listPersons(h.db, { cursor: "bm90LWEtY3Vyc29y" }))).code).toBe("BAD_REQUEST");
  });

  it("imports a file all or nothing: a bad row refuses the whole file", async () => {
    const before = await personCount();
    const table = personTableFromJson([
      {
        employeeNo: "N40001",
        name: "赵一",
        position: "工程师",
        nationality: "中国",
        idNumber: ID_B,
        isCoreTechnician: "是",
      },
      {
        employeeNo: "N40002",
        name: "Sato Ken",
        position: "Engineer",
        nationality: "日本",
        idType: "护照",
        idNumber: "TR1234567",
      },
      { employeeNo: "N40001", name: "赵一", position: "工程师" },
      { employeeNo: "N40003", name: "钱二", position: "", email: "not-mail", isDirector: "maybe" },
    ]);
    const preview = await previewPersonImport(h.db, table);
    expect(preview.ok).toBe(false);
    expect(preview.summary).toMatchObject({ rows: 4, create: 4, errorRows: 2 });
    expect(preview.rows[2]!.errors.map((e) => e.code)).toEqual(["DUPLICATE_PERSON"]);
    expect(preview.rows[3]!.errors.map((e) => e.code).sort()).toEqual([
      "INVALID_EMAIL",
      "INVALID_FLAG",
      "MISSING_FIELD",
    ]);
    const refused = await refusal(applyPersonImport(h.db, actor, table));
    expect(refused.code).toBe("INVALID_PERSON_FILE");
    expect((refused.details as { rows: unknown[] }).rows).toHaveLength(2);
    expect(await personCount()).toBe(before);
  });

  it("creates new people and changes recorded ones from a file, then finds nothing to do the second time", async () => {
    const [existing] = (await listPersons(h.db, { q: "N30001" })).items;
    const table = personTableFromJson([
      {
        employeeNo: "N40001",
        name: "赵一",
        position: "工程师",
        nationality: "中国",
        idNumber: ID_B,
        isCoreTechnician: "是",
      },
      {
        employeeNo: "N40002",
        name: "Sato Ken",
        position: "Engineer",
        nationality: "日本",
        idType: "护照",
        idNumber: "TR1234567",
        isForeign: "Y",
      },
      { employeeNo: "N30001", name: "林晓", position: "", department: "AI 实验室" },
    ]);
    const preview = await previewPersonImport(h.db, table);
    expect(preview.ok).toBe(true);
    expect(preview.rows.map((r) => [r.action, r.changes])).toEqual([
      ["create", expect.arrayContaining(["name", "position", "nationality", "idNumber", "isCoreTechnician"])],
      ["create", expect.arrayContaining(["idType", "idNumber", "isForeign"])],
      ["update", ["department"]],
    ]);
    const audits = await auditCount("person.import");
    expect(await applyPersonImport(h.db, actor, table, "hires.xlsx")).toEqual({ created: 2, updated: 1, unchanged: 0 });
    expect(await auditCount("person.import")).toBe(audits + 1);
    const sato = (await listPersons(h.db, { q: "N40002" })).items[0]!;
    expect(sato).toMatchObject({ nationality: "JP", idType: "passport", idNumberMasked: "**************4567" });
    expect(sato.flags.isForeign).toBe(true);
    expect((await personDetail(h.db, existing!.id))!.department).toBe("AI 实验室");
    expect((await personDetail(h.db, existing!.id))!.position).toBe("首席算法工程师");
    expect(await applyPersonImport(h.db, actor, table)).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it("reads its own template back as XLSX and as CSV, headers in both languages", async () => {
    for (const format of ["xlsx", "csv"] as const) {
      const file = await personImportTemplate(format);
      const bytes = file.body as Uint8Array;
      const table = await parsePersonFile(bytes, file.asciiFilename);
      expect(table.columns).toContain("employeeNo");
      expect(table.columns).toHaveLength(17);
      expect(table.rows).toHaveLength(1);
      const preview = await previewPersonImport(h.db, table);
      expect(preview.rows[0]!.errors).toEqual([]);
      expect(preview.rows[0]!.action).toBe("create");
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await personImportTemplate("xlsx")).body as Uint8Array as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0]!.getRow(1).getCell(1).value)).toBe("*工号 Employee no.");
  });

  it("names the missing required column", async () => {
    const csv = new TextEncoder().encode("姓名,职务\n张三,工程师\n");
    const e = await refusal(parsePersonFile(csv, "people.csv"));
    expect(e.code).toBe("MISSING_COLUMNS");
    expect(e.details).toMatchObject({ missing: ["employeeNo"], missingZh: "工号" });
  });
});
