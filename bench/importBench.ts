/**
 * P4: a 10,000-row participant list as XLSX (the China-format columns, ID numbers included), previewed
 * then applied through the real server functions, on a fresh database holding the bench company, the
 * way the upload route runs them: parse + preview for the dry run, parse + apply for the real one.
 * Run alone: npx tsx bench/importBench.ts [--rows 10000] [--grants 10000]  (BENCH_DATABASE_URL adds PostgreSQL)
 */
import "./serverOnlyStub";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import type { DatabaseKind } from "@/db/client";
import { users } from "@/db/schema";
import {
  applyParticipants,
  parseParticipantFile,
  previewParticipants,
} from "@/lib/features/participants/participantImport";
import { createPlan, planInputSchema } from "@/lib/features/plans/commands";
import { BENCH_ARRANGEMENT, benchPeople, isIneligible, leaveDateOf } from "./seed/benchCompany";
import { seedBenchCompany } from "./seed/seedBench";
import { benchBackends, createBenchDatabase, ensureBenchSecrets, openBenchDatabase } from "./benchDatabase";

const AS_OF = "2026-11-21";
const QUANTITY = 1000;

/** One P4 measurement. */
export interface ImportBenchResult {
  backend: DatabaseKind;
  rows: number;
  fileBytes: number;
  seconds: { total: number; previewParse: number; preview: number; applyParse: number; apply: number; seed: number };
}

/** The list as HR would upload it: a title line, the header, one row per person, a total line. */
export async function participantWorkbook(rows: number): Promise<{ bytes: Uint8Array; employees: number }> {
  // Enough employees that `rows` of them are still employed and eligible.
  let employees = rows + 10;
  const eligible = (n: number) =>
    Array.from({ length: n }, (_, i) => i + 1).filter(
      (i) => !isIneligible(i) && (leaveDateOf(i) === null || leaveDateOf(i)! > AS_OF),
    ).length;
  while (eligible(employees) < rows) employees += Math.ceil((rows - eligible(employees)) * 1.05) + 1;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("激励对象名单");
  sheet.addRow(["2027年限制性股票激励计划首次授予激励对象名单"]);
  sheet.addRow(["姓名", "工号", "国籍", "职务", "类别", "获授的限制性股票数量（股）", "身份证号码"]);
  let listed = 0;
  for (const p of benchPeople(employees)) {
    const left = leaveDateOf(p.index);
    if (listed === rows || isIneligible(p.index) || (left !== null && left <= AS_OF)) continue;
    sheet.addRow([
      p.name,
      p.employeeNo,
      p.nationality === "CN" ? "中国" : p.nationality,
      p.position,
      p.index % 3 === 0 ? 2 : 1,
      QUANTITY,
      p.idNumber,
    ]);
    listed++;
  }
  sheet.addRow(["合计", null, null, null, null, listed * QUANTITY, null]);
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), employees };
}

/** Seeds the bench company (with `grants` existing grants) into a fresh database, then times preview and apply of the list. */
export async function runImportBench(kind: DatabaseKind, rows = 10_000, grants = 10_000): Promise<ImportBenchResult> {
  ensureBenchSecrets();
  const { bytes, employees } = await participantWorkbook(rows);
  const location = await createBenchDatabase(kind, "p4");
  const handle = await openBenchDatabase(location);
  try {
    const t0 = performance.now();
    await seedBenchCompany(handle.db, { employees, grants, asOf: AS_OF, users: 10 });
    const [hr] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@bench.local"));
    const actor = { userId: hr!.id, ip: null };
    const total = rows * QUANTITY;
    const plan = await createPlan(
      handle.db,
      actor,
      planInputSchema.parse({
        name: "2027年限制性股票激励计划（导入基准）",
        nameEn: "2027 plan (import benchmark)",
        totalQuantity: total + total / 4,
        firstGrantQuantity: total,
        reservedQuantity: total / 4,
        shareCapitalAtAnnouncement: 2_000_000_000,
        validityMonths: 72,
        blackoutRule: { preset: "2024-05-24 rules" },
        categories: [1, 2].map((code) => ({
          code,
          name: `第${code}类`,
          nameEn: `Category ${code}`,
          tranches: BENCH_ARRANGEMENT,
        })),
      }),
    );
    const t1 = performance.now();
    const previewRows = await parseParticipantFile(bytes, "激励对象名单.xlsx");
    const t2 = performance.now();
    const preview = await previewParticipants(handle.db, plan.id, "first", previewRows);
    const t3 = performance.now();
    if (!preview.ok || preview.summary.people !== rows)
      throw new Error(
        `preview refused the list: ${JSON.stringify({ summary: preview.summary, listErrors: preview.listErrors, firstRow: preview.rows.find((r) => r.errors.length > 0) })}`,
      );
    const applyRows = await parseParticipantFile(bytes, "激励对象名单.xlsx");
    const t4 = performance.now();
    const applied = await applyParticipants(handle.db, actor, plan.id, "first", applyRows, "激励对象名单.xlsx");
    const t5 = performance.now();
    if (applied.people !== rows || applied.unchanged) throw new Error(`apply wrote ${applied.people} people`);
    const s = (a: number, b: number) => Math.round(b - a) / 1000;
    return {
      backend: kind,
      rows,
      fileBytes: bytes.length,
      seconds: {
        total: s(t1, t5),
        previewParse: s(t1, t2),
        preview: s(t2, t3),
        applyParse: s(t3, t4),
        apply: s(t4, t5),
        seed: s(t0, t1),
      },
    };
  } finally {
    await handle.close();
    await location.drop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { rows: { type: "string", default: "10000" }, grants: { type: "string", default: "10000" } },
  });
  (async () => {
    for (const kind of benchBackends())
      console.log(JSON.stringify(await runImportBench(kind, Number(values.rows), Number(values.grants))));
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
