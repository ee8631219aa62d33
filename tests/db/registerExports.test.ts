import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { grantBatches, participantCategories, persons, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { verifyAuditChain } from "@/lib/platform/auditTrail";
import {
  exportRegister,
  registerExportInputFromQuery,
  type RegisterExportInput,
} from "@/lib/features/registers/registerExport";
import { registerExportQuerySchema } from "@/lib/features/registers/schemas";
import { decryptIdNumber, encryptIdNumber } from "@/lib/platform/idNumberCipher";
import { prefetchedPages, readRegisterPage } from "@/lib/platform/exports/keysetPages";
import { parseCsvTable } from "@/lib/features/participants/csv";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";
const HYPERLINK = '=HYPERLINK("http://evil.example","点击")';
const AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const OCF_BASE = "https://raw.githubusercontent.com/Open-Cap-Table-Coalition/Open-Cap-Format-OCF/main/schema/files/";
const OCF_SCHEMAS = {
  stock_classes: "StockClassesFile",
  stock_plans: "StockPlansFile",
  vesting_terms: "VestingTermsFile",
  stakeholders: "StakeholdersFile",
  transactions: "TransactionsFile",
} as const;

/** Ajv (JSON Schema 2020-12 dialect) with every official OCF schema registered under its $id; compiled once per file. */
let validators: ((name: string) => ValidateFunction) | null = null;
function ocfValidator() {
  validators ??= compileOcfSchemas();
  return validators;
}

function compileOcfSchemas() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory()
          ? walk(path.join(dir, e.name))
          : e.name.endsWith(".schema.json")
            ? [path.join(dir, e.name)]
            : [],
      );
  for (const file of walk(path.resolve("data/ocf-schema"))) {
    // The files declare draft-07; validated here as 2020-12 (no keyword they use differs), whose meta-schema
    // wants the one string-valued "deprecated" annotation (StockPlan.stock_class_id) as a boolean.
    const schema = JSON.parse(fs.readFileSync(file, "utf8"), (key, value) =>
      key === "deprecated" && typeof value === "string" ? value === "true" : value,
    );
    delete schema.$schema;
    ajv.addSchema(schema);
  }
  return (name: string) => ajv.getSchema(`${OCF_BASE}${name}.schema.json`)!;
}

describe.each(BACKENDS)("register exports on %s", (kind) => {
  let h: DatabaseHandle;
  const ids = { admin: "", auditor: "", hr: "", employee: "", plan2021: "", plan2022: "" };
  const previousToday = process.env.VD_TODAY;
  // Signed in just now, without a second factor yet (the grace period): fresh enough for ID numbers.
  const fresh = { apiTokenId: null, signedInAt: new Date(), secondFactorAt: null };
  const admin = () => ({ id: ids.admin, roles: ["admin" as const], ...fresh, signedInAt: new Date() });
  const auditor = () => ({ id: ids.auditor, roles: ["auditor" as const], ...fresh, signedInAt: new Date() });
  const input = (o: Partial<RegisterExportInput>): RegisterExportInput => ({
    register: "grants",
    format: "csv",
    planId: null,
    includeIdNumbers: false,
    ...o,
  });
  const download = async (
    user: { id: string; roles: ("admin" | "auditor" | "hr" | "employee")[] } & typeof fresh,
    i: RegisterExportInput,
    pageSize = 100,
  ) => {
    const file = await exportRegister(h.db, user, i, "10.9.9.9", { pageSize });
    return { file, bytes: Buffer.from(await new Response(file.body).arrayBuffer()) };
  };
  const csv = (bytes: Buffer) => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...body] = parseCsvTable(text);
    return { header: header!, body, text, col: (name: string) => header!.findIndex((c) => c.includes(name)) };
  };
  const count = async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(h, query))[0]!.n;
  const exportAudits = () =>
    rows<{ action: string; actor: string; entity: string | null; after: Record<string, unknown>; ip: string }>(
      h,
      sql`SELECT action, actor_user_id::text AS actor, entity_id AS entity, after, ip FROM audit_log WHERE action LIKE 'export.%' ORDER BY id`,
    );

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    for (const [key, email] of [
      ["admin", "admin@demo.local"],
      ["auditor", "auditor@demo.local"],
      ["hr", "hr@demo.local"],
      ["employee", "employee@demo.local"],
    ] as const) {
      ids[key] = (await h.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
    }
    const planRows = await h.db.select({ id: plans.id, nameEn: plans.nameEn, issuerId: plans.issuerId }).from(plans);
    const p2021 = planRows.find((p) => p.nameEn.startsWith("2021"))!;
    ids.plan2021 = p2021.id;
    ids.plan2022 = planRows.find((p) => p.nameEn.startsWith("2022"))!.id;
    // Two people whose names a spreadsheet would run as formulas, granted in the 2021 first grant (one a director).
    const added = await h.db
      .insert(persons)
      .values([
        {
          issuerId: p2021.issuerId,
          employeeNo: "E90001",
          name: HYPERLINK,
          position: "+副总经理",
          nationality: "CN",
          idNumberEnc: encryptIdNumber("110108199001011234"),
          idNumberLast4: "1234",
          isDirector: true,
        },
        {
          issuerId: p2021.issuerId,
          employeeNo: "E90002",
          name: AT_SUM,
          position: "\u0001-工程师",
          nationality: "CN",
          idNumberEnc: encryptIdNumber("11010819900202567X"),
          idNumberLast4: "567X",
        },
      ])
      .returning({ id: persons.id });
    const [batch] = await h.db
      .select()
      .from(grantBatches)
      .where(and(eq(grantBatches.planId, p2021.id), eq(grantBatches.batch, "first")));
    const [category] = await h.db
      .select()
      .from(participantCategories)
      .where(eq(participantCategories.planId, p2021.id));
    await h.db
      .execute(sql`INSERT INTO grants (batch_id, plan_id, person_id, category_id, quantity, adjusted_price, adjusted_quantity)
      VALUES (${batch!.id}, ${p2021.id}, ${added[0]!.id}, ${category!.id}, 3000, ${batch!.grantPrice}, 3000), (${batch!.id}, ${p2021.id}, ${added[1]!.id}, ${category!.id}, 1000, ${batch!.grantPrice}, 1000)`);
    await rederivePlan(h.db, p2021.id, AS_OF);
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("grant register CSV: BOM, header, one row per grant across keyset pages, values round-trip, formulas neutralised, IDs masked", async () => {
    const { file, bytes } = await download(auditor(), input({}));
    expect(file).toMatchObject({
      contentType: "text/csv; charset=utf-8",
      filename: `全部计划-授予登记簿-${AS_OF}.csv`,
      asciiFilename: `grant-register-${AS_OF}.csv`,
    });
    const t = csv(bytes);
    expect(t.header.slice(0, 4)).toEqual(["计划 Plan", "批次 Batch", "授予日 Grant date", "工号 Employee no."]);
    expect(t.header).toContain("第3期已归属 T3 vested");
    expect(t.body).toHaveLength(await count(sql`SELECT count(*)::int AS n FROM grants`));
    const grantIds = t.body.map((r) => r[t.col("Grant ID")]!);
    expect(new Set(grantIds).size).toBe(grantIds.length);
    expect([...grantIds].sort()).toEqual(grantIds);

    // One 2022 grant compared field by field with the database.
    const [db] = await rows<{
      id: string;
      name: string;
      quantity: string;
      adjusted_price: string;
      last4: string;
      enc: string;
      vested: string;
      lapsed: string;
      accepted: boolean;
    }>(
      h,
      sql`
      SELECT g.id::text, p.name, g.quantity::text, g.adjusted_price::text, p.id_number_last4 AS last4, p.id_number_enc AS enc, g.accepted_at IS NOT NULL AS accepted,
             (SELECT sum(vested_quantity)::text FROM tranches WHERE grant_id = g.id) AS vested, (SELECT sum(lapsed_quantity)::text FROM tranches WHERE grant_id = g.id) AS lapsed
      FROM grants g JOIN persons p ON p.id = g.person_id WHERE p.employee_no = 'E00102' AND g.plan_id = ${ids.plan2022}`,
    );
    const row = t.body.find((r) => r[t.col("Grant ID")] === db!.id)!;
    expect(row[t.col("Employee no.")]).toBe("E00102");
    expect(row[t.col("姓名 Name")]).toBe(db!.name);
    expect(row[t.col("Granted quantity")]).toBe(db!.quantity);
    expect(row[t.col("Adjusted grant price")]).toBe(db!.adjusted_price);
    expect(row[t.col("Vested total")]).toBe(db!.vested);
    expect(row[t.col("Lapsed total")]).toBe(db!.lapsed);
    expect(row[t.col("Unvested")]).toBe(String(Number(db!.quantity) - Number(db!.vested) - Number(db!.lapsed)));
    expect(row[t.col("T1 status")]).toBe("已归属 vested");
    expect(row[t.col("T3 status")]).toBe("可归属 vestable");
    expect(row[t.col("ID number")]).toBe(`**************${db!.last4}`);
    expect(t.text).not.toContain(decryptIdNumber(db!.enc));

    // Numbers are plain numerals, text that would run as a formula starts with a quote.
    for (const r of t.body) {
      expect(r[t.col("Granted quantity")]).toMatch(/^\d+$/);
      expect(r[t.col("Adjusted grant price")]).toMatch(/^\d+\.\d{2}$/);
    }
    const evil = t.body.find((r) => r[t.col("Employee no.")] === "E90001")!;
    expect([evil[t.col("姓名 Name")], evil[t.col("职务 Position")]]).toEqual([`'${HYPERLINK}`, "'+副总经理"]);
    const sum = t.body.find((r) => r[t.col("Employee no.")] === "E90002")!;
    // CSV keeps the control character (it hides the minus from spreadsheets); XLSX must drop it, see below.
    expect([sum[t.col("姓名 Name")], sum[t.col("职务 Position")]]).toEqual([`'${AT_SUM}`, "\u0001-工程师"]);
  });

  it("audits before the first byte and streams page by page: the reader gets the header, then a page (at most 64 KB of it) per pull", async () => {
    const before = (await exportAudits()).length;
    const file = await exportRegister(h.db, auditor(), input({ planId: ids.plan2022 }), null, { pageSize: 50 });
    expect((await exportAudits()).slice(before)).toEqual([
      expect.objectContaining({ action: "export.register", entity: ids.plan2022 }),
    ]);
    const reader = file.body.getReader();
    // ignoreBOM keeps the byte order mark in the text, where the test can see it.
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const header = decoder.decode((await reader.read()).value!);
    expect(header.startsWith("\uFEFF计划 Plan,")).toBe(true);
    expect(header.split("\r\n")).toHaveLength(2);
    const firstPage = decoder.decode((await reader.read()).value!);
    expect(firstPage.split("\r\n").filter(Boolean)).toHaveLength(50);
    // Leaving early ends the page reads without error.
    await reader.cancel();
  });

  it("full ID numbers only for an admin who asks, audited as their own action; auditors, HR and employees are refused", async () => {
    const before = (await exportAudits()).length;
    const { file, bytes } = await download(admin(), input({ planId: ids.plan2021, includeIdNumbers: true }));
    expect(file.filename).toBe(`2021年限制性股票激励计划-授予登记簿-含证件号码-${AS_OF}.csv`);
    const t = csv(bytes);
    const [p] = await rows<{ enc: string }>(
      h,
      sql`SELECT id_number_enc AS enc FROM persons WHERE employee_no = 'E00010'`,
    );
    expect(t.body.find((r) => r[t.col("Employee no.")] === "E00010")![t.col("ID number")]).toBe(
      decryptIdNumber(p!.enc),
    );
    expect(t.body.find((r) => r[t.col("Employee no.")] === "E90002")![t.col("ID number")]).toBe("11010819900202567X");
    const audits = (await exportAudits()).slice(before);
    const entry = { register: "grants", format: "csv", planId: ids.plan2021, includeIdNumbers: true };
    expect(audits).toEqual([
      { action: "export.register", actor: ids.admin, entity: ids.plan2021, after: entry, ip: "10.9.9.9" },
      { action: "export.id_numbers_included", actor: ids.admin, entity: ids.plan2021, after: entry, ip: "10.9.9.9" },
    ]);

    const refused = [
      await refusal(exportRegister(h.db, auditor(), input({ includeIdNumbers: true }), null)),
      await refusal(exportRegister(h.db, { id: ids.hr, roles: ["hr"], ...fresh }, input({}), null)),
      await refusal(exportRegister(h.db, { id: ids.employee, roles: ["employee"], ...fresh }, input({}), null)),
    ];
    expect(refused.map((e) => e.status)).toEqual([403, 403, 403]);
    // An admin whose last proof is older than 10 minutes gives the second factor again first.
    const stale = { ...admin(), signedInAt: new Date(Date.now() - 11 * 60 * 1000) };
    const staleRefusal = await refusal(exportRegister(h.db, stale, input({ includeIdNumbers: true }), null));
    expect(staleRefusal.code).toBe("STEP_UP_REQUIRED");
    expect((await exportAudits()).length).toBe(before + 2);
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
  });

  it("grant register XLSX: no formula cells, numbers as numbers, text as text, Chinese intact", async () => {
    const { file, bytes } = await download(auditor(), input({ format: "xlsx" }), 150);
    expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + (await count(sql`SELECT count(*)::int AS n FROM grants`)));
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.findIndex((c) => c.includes(name)) + 1;
    let cells = 0;
    ws.eachRow((row, n) => {
      row.eachCell((cell) => {
        cells++;
        expect(cell.formula).toBeUndefined();
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === "string") expect(cell.numFmt).toBe("@");
      });
      if (n === 1) return;
      for (const name of ["Granted quantity", "Current quantity", "Grant price", "Vested total", "Unvested"])
        expect(typeof row.getCell(col(name)).value).toBe("number");
      expect(typeof row.getCell(col("Employee no.")).value).toBe("string");
    });
    expect(cells).toBeGreaterThan(1000);
    const rowsOf = (employeeNo: string) =>
      ws.getRows(2, ws.rowCount - 1)!.filter((r) => r.getCell(col("Employee no.")).value === employeeNo);
    const evil = rowsOf("E90001")[0]!;
    expect(evil.getCell(col("姓名 Name")).value).toBe(`'${HYPERLINK}`);
    expect(evil.getCell(col("计划 Plan")).value).toBe("2021年限制性股票激励计划");
    expect(evil.getCell(col("Grant price")).value).toBe(45.86);
    // XML cannot hold U+0001: dropped, and the minus it hid gets the quote.
    expect(rowsOf("E90002")[0]!.getCell(col("职务 Position")).value).toBe("'-工程师");
  });

  it("OCF JSON: every file valid against the official schema, md5s match the manifest, references resolve, quantities reconcile", async () => {
    const { file, bytes } = await download(auditor(), input({ format: "ocf" }), 120);
    expect(file).toMatchObject({
      contentType: "application/json; charset=utf-8",
      filename: `全部计划-授予登记簿-${AS_OF}.ocf.json`,
    });
    const doc = JSON.parse(bytes.toString("utf8")) as {
      manifest: Record<string, unknown>;
      files: Record<keyof typeof OCF_SCHEMAS, { file_type: string; items: Record<string, unknown>[] }>;
    };
    const schema = ocfValidator();
    const manifestValid = schema("OCFManifestFile");
    expect(manifestValid(doc.manifest), JSON.stringify(manifestValid.errors)).toBe(true);
    for (const [key, name] of Object.entries(OCF_SCHEMAS) as [keyof typeof OCF_SCHEMAS, string][]) {
      const validate = schema(name);
      expect(validate(doc.files[key]), `${key}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      const listed = (doc.manifest[`${key}_files`] as { filepath: string; md5: string }[])[0]!;
      expect(listed).toEqual({
        filepath: `${key}.ocf.json`,
        md5: crypto.createHash("md5").update(JSON.stringify(doc.files[key])).digest("hex"),
      });
    }
    expect(doc.manifest).toMatchObject({
      as_of: AS_OF,
      issuer: { legal_name: "星衡办公软件股份有限公司", country_of_formation: "CN" },
    });

    const idsOf = (key: keyof typeof OCF_SCHEMAS) => new Set(doc.files[key].items.map((o) => o.id as string));
    const [stakeholders, stockPlans, terms, classes] = [
      idsOf("stakeholders"),
      idsOf("stock_plans"),
      idsOf("vesting_terms"),
      idsOf("stock_classes"),
    ];
    const tx = doc.files.transactions.items;
    const ofType = (t: string) => tx.filter((o) => o.object_type === t);
    const issuances = ofType("TX_EQUITY_COMPENSATION_ISSUANCE");
    expect(issuances).toHaveLength(await count(sql`SELECT count(*)::int AS n FROM grants`));
    expect(stakeholders.size).toBe(await count(sql`SELECT count(DISTINCT person_id)::int AS n FROM grants`));
    for (const i of issuances) {
      expect(i.compensation_type).toBe("RSU");
      expect(
        stakeholders.has(i.stakeholder_id as string) &&
          stockPlans.has(i.stock_plan_id as string) &&
          terms.has(i.vesting_terms_id as string) &&
          classes.has(i.stock_class_id as string),
      ).toBe(true);
    }
    const securities = new Set(issuances.map((i) => i.security_id));
    const stockIssued = new Set(ofType("TX_STOCK_ISSUANCE").map((s) => s.security_id));
    for (const r of ofType("TX_EQUITY_COMPENSATION_RELEASE")) {
      expect(securities.has(r.security_id)).toBe(true);
      for (const s of r.resulting_security_ids as string[]) expect(stockIssued.has(s)).toBe(true);
    }
    for (const c of ofType("TX_EQUITY_COMPENSATION_CANCELLATION")) expect(securities.has(c.security_id)).toBe(true);
    const sumOf = (t: string) => ofType(t).reduce((s, o) => s + Number(o.quantity), 0);
    const [totals] = await rows<{ vested: string; lapsed: string }>(
      h,
      sql`SELECT sum(vested_quantity)::text AS vested, sum(lapsed_quantity)::text AS lapsed FROM tranches`,
    );
    expect([
      sumOf("TX_EQUITY_COMPENSATION_RELEASE"),
      sumOf("TX_STOCK_ISSUANCE"),
      sumOf("TX_EQUITY_COMPENSATION_CANCELLATION"),
    ]).toEqual([Number(totals!.vested), Number(totals!.vested), Number(totals!.lapsed)]);
    // The 2021 first grant vested after the 0.60 dividend: paid 45.86 - 0.60 per share.
    const r2021 = ofType("TX_EQUITY_COMPENSATION_RELEASE").find((r) => r.date === "2022-06-20")!;
    expect(r2021.release_price).toEqual({ amount: "45.26", currency: "CNY" });
    expect(doc.files.stakeholders.items.some((s) => "tax_ids" in s)).toBe(false);

    const withIds = JSON.parse(
      (await download(admin(), input({ format: "ocf", planId: ids.plan2021, includeIdNumbers: true }))).bytes.toString(
        "utf8",
      ),
    );
    expect(schema("StakeholdersFile")(withIds.files.stakeholders)).toBe(true);
    expect(
      withIds.files.stakeholders.items.find((s: { issuer_assigned_id: string }) => s.issuer_assigned_id === "E90001")
        .tax_ids,
    ).toEqual([{ tax_id: "110108199001011234", country: "CN" }]);
  });

  it("vesting and lapse register: one row per decided tranche, dated, with ratios and the price paid", async () => {
    const { bytes } = await download(auditor(), input({ register: "vesting" }), 400);
    const t = csv(bytes);
    expect(t.body).toHaveLength(
      await count(
        sql`SELECT count(*)::int AS n FROM tranches WHERE status IN ('vested', 'lapsed') OR lapsed_quantity > 0`,
      ),
    );
    for (const r of t.body) expect(r[t.col("Vesting or lapse date")]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const rowOf = (employeeNo: string, plan: string, tranche: string) =>
      t.body.find(
        (r) =>
          r[t.col("Employee no.")] === employeeNo &&
          r[t.col("计划 Plan")]!.startsWith(plan) &&
          r[t.col("Tranche")] === tranche,
      )!;
    const vested2021 = rowOf("E00010", "2021", "1");
    expect(vested2021[t.col("Vesting or lapse date")]).toBe("2022-06-20");
    expect(vested2021[t.col("Company ratio")]).toBe("1");
    expect(vested2021[t.col("Price paid per share")]).toBe("45.26");
    const vested = Number(vested2021[t.col("Vested quantity")]);
    expect(vested2021[t.col("Amount paid")]).toBe(((vested * 4526) / 100).toFixed(2));
    const appraisal = rowOf("E00102", "2022", "2");
    expect([appraisal[t.col("Company ratio")], appraisal[t.col("Vesting or lapse date")]]).toEqual([
      "0.8",
      "2024-12-16",
    ]);
    // The demo leaver left on 2024-09-30: what had not vested lapsed that day, with nothing paid.
    const left = t.body.filter(
      (r) => r[t.col("Employee no.")] === "E00150" && r[t.col("Lapse reason")] === "离职 left",
    );
    expect(left.length).toBeGreaterThan(0);
    for (const r of left)
      expect([
        r[t.col("Vesting or lapse date")],
        r[t.col("Vested quantity")],
        r[t.col("Price paid per share")],
      ]).toEqual(["2024-09-30", "0", ""]);
    expect(
      (await refusal(exportRegister(h.db, auditor(), input({ register: "vesting", format: "ocf" }), null))).status,
    ).toBe(400);
  });

  it("allocation table for the 2022 plan: named foreign staff, other staff, reserve and total match hand-computed figures", async () => {
    const { file, bytes } = await download(auditor(), input({ register: "allocation", planId: ids.plan2022 }));
    expect(file.asciiFilename).toBe(`allocation-table-${AS_OF}.csv`);
    const t = csv(bytes);
    expect(t.header).toEqual([
      "姓名 Name",
      "国籍 Nationality",
      "职务 Position",
      "获授数量（万股）Granted (10,000 shares)",
      "占授予总量的比例（%）Share of total grant (%)",
      "占公告时股本总额的比例（%）Share of share capital at announcement (%)",
    ]);
    const first = await rows<{ employee_no: string; name: string; quantity: string; foreign: boolean }>(
      h,
      sql`
      SELECT p.employee_no, p.name, g.quantity::text AS quantity, p.is_foreign AS foreign FROM grants g JOIN grant_batches b ON b.id = g.batch_id JOIN persons p ON p.id = g.person_id
      WHERE g.plan_id = ${ids.plan2022} AND b.batch = 'first' ORDER BY p.employee_no`,
    );
    const granted = first.reduce((s, r) => s + Number(r.quantity), 0);
    expect(granted).toBe(800_000);
    // Hand-computed with integers: total = first grant + the plan's 200,000 reserve; capital 461,000,000 at announcement.
    const total = granted + 200_000;
    const pct = (q: number, whole: number) => {
      const hundredths = (BigInt(q) * 20_000n + BigInt(whole)) / (2n * BigInt(whole));
      return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`;
    };
    const wan = (q: number) => (q / 10_000).toFixed(q % 100 === 0 ? 2 : 4);
    const foreign = first.filter((r) => r.foreign);
    expect(foreign.map((r) => r.employee_no)).toEqual(["E00212"]);
    const fq = Number(foreign[0]!.quantity);
    expect(t.body).toEqual([
      [foreign[0]!.name, "日本 JP", "技术专家", wan(fq), pct(fq, total), pct(fq, 461_000_000)],
      [
        "其他员工（126人）/ Other staff (126 people)",
        "",
        "",
        wan(granted - fq),
        pct(granted - fq, total),
        pct(granted - fq, 461_000_000),
      ],
      ["预留部分 / Reserved portion", "", "", "20.00", "20.00", "0.04"],
      ["合计 / Total", "", "", "100.00", "100.00", "0.22"],
    ]);

    const xlsx = await download(auditor(), input({ register: "allocation", format: "xlsx", planId: ids.plan2021 }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    const values = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1));
    // 2021: directors and senior managers by employee number (the added director E90001 last, neutralised), then
    // the core technician, then the two foreign staff; 704,000 granted + 175,000 reserve = 87.9 万股 = 0.19% of 461,000,000.
    const names = await rows<{ name: string }>(
      h,
      sql`SELECT name FROM persons WHERE employee_no IN ('E00001', 'E00002', 'E00003', 'E00004', 'E00005', 'E00212') ORDER BY employee_no`,
    );
    const n = names.map((r) => r.name);
    expect(values.slice(0, 7).map((v) => v[0])).toEqual([n[0], n[1], n[2], `'${HYPERLINK}`, n[3], n[4], n[5]]);
    expect(values.at(-1)!.slice(3)).toEqual([87.9, 100, 0.19]);
    for (const v of values) for (const n of v.slice(3)) expect(typeof n).toBe("number");
  });

  it("validates the query and refuses what cannot be exported", async () => {
    expect(registerExportInputFromQuery(registerExportQuerySchema.parse({ format: "csv" }))).toEqual({
      register: "grants",
      format: "csv",
      planId: null,
      includeIdNumbers: false,
    });
    expect(
      registerExportInputFromQuery(
        registerExportQuerySchema.parse({ format: "xlsx", register: "vesting", planId: "", includeIdNumbers: "true" }),
      ),
    ).toMatchObject({ planId: null, includeIdNumbers: true });
    for (const bad of [
      {},
      { format: "pdf" },
      { format: "csv", planId: "nope" },
      { format: "csv", includeIdNumbers: "yes" },
      { format: "csv", register: "people" },
    ]) {
      expect(registerExportQuerySchema.safeParse(bad).success).toBe(false);
    }
    const before = (await exportAudits()).length;
    expect(
      (await refusal(exportRegister(h.db, auditor(), input({ planId: "00000000-0000-4000-8000-000000000000" }), null)))
        .status,
    ).toBe(404);
    const e = await refusal(exportRegister(h.db, auditor(), input({ register: "allocation" }), null));
    expect([e.status, e.message]).toEqual([400, "The allocation table is drawn up per plan: choose a plan."]);
    expect((await exportAudits()).length).toBe(before);
  });

  it("reads register pages with the JIT compiler off, for that page only", async () => {
    const [page] = await readRegisterPage<{ jit: string }>(h.db, sql`SELECT current_setting('jit') AS jit`);
    expect(page!.jit).toBe("off");
    const [after] = await rows<{ jit: string }>(h, sql`SELECT current_setting('jit') AS jit`);
    expect(after!.jit).toBe("on");
  });
});

describe("register pages read ahead", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("hands out every page in order, reading the next one while the caller holds the current one", async () => {
    const reads: (number | null)[] = [];
    const fetchPage = async (after: number | null) => {
      reads.push(after);
      return after === null ? [1, 2] : after === 2 ? [3, 4] : [];
    };
    const seen: number[][] = [];
    for await (const page of prefetchedPages(fetchPage, (last) => last, 2)) {
      seen.push(page);
      // The read after this page has already started.
      expect(reads.at(-1)).toBe(page.at(-1));
    }
    expect(seen).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(reads).toEqual([null, 2, 4]);
  });

  it("a page read ahead that fails ends the export with its error, not an unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const pages = prefetchedPages(
        async (after: number | null) => {
          if (after === null) return [1, 2];
          throw new Error("connection lost");
        },
        (last) => last,
        2,
      );
      const consume = async () => {
        for await (const page of pages) await sleep(20 + page.length);
      };
      await expect(consume()).rejects.toThrow("connection lost");
      await sleep(10);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a cancelled export waits for the page in flight, so its connection is released", async () => {
    let settled = false;
    const pages = prefetchedPages(
      async (after: number | null) => {
        await sleep(10);
        if (after !== null) settled = true;
        return after === null ? [1, 2] : [3, 4];
      },
      (last) => last,
      2,
    );
    for await (const page of pages) {
      expect(page).toEqual([1, 2]);
      break;
    }
    expect(settled).toBe(true);
  });
});
