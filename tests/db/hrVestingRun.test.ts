import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { DatabaseHandle } from "@/db/client";
import { participantCategories, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { confirmVestingRun, previewVestingRun } from "@/lib/features/vesting/vestingRun";
import { listVestingRuns } from "@/lib/features/vesting/vestingRunReads";
import { type VestingRunInput } from "@/lib/features/vesting/schemas";
import { parseGradesCsv, parseGradesXlsx } from "@/lib/features/vesting/vestingGrades";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";
const LEAVER = "E00150"; // left on 2024-09-30

/** A grade per employee number: mostly A, every 7th C (80 %), one D (0 %). */
function gradeFor(employeeNo: string): string {
  const n = Number(employeeNo.slice(1));
  if (n === 101) return "D";
  return n % 7 === 0 ? "C" : "A";
}

describe.each(BACKENDS)("HR vesting runs on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let plan2022: string;
  let category1: string;
  let grantees: string[];
  const previousToday = process.env.VD_TODAY;

  const counts = async () =>
    (
      await rows<{ runs: number; appraisals: number; audit: number; notices: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM vesting_runs) AS runs, (SELECT count(*)::int FROM appraisal_results) AS appraisals, (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM notifications) AS notices`,
      )
    )[0]!;
  const input = (over: Partial<VestingRunInput> = {}): VestingRunInput => ({
    batch: "first",
    categoryId: category1,
    trancheIndex: 3,
    vestingDate: "2026-06-01",
    companyRatio: "0.9",
    fiscalYear: 2025,
    grades: grantees.filter((n) => n !== LEAVER).map((employeeNo) => ({ employeeNo, grade: gradeFor(employeeNo) })),
    ...over,
  });

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: null };
    plan2022 = (await h.db.select({ id: plans.id, nameEn: plans.nameEn }).from(plans)).find((p) =>
      p.nameEn.startsWith("2022"),
    )!.id;
    category1 = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(and(eq(participantCategories.planId, plan2022), eq(participantCategories.code, 1)))
    )[0]!.id;
    grantees = (
      await rows<{ employee_no: string }>(
        h,
        sql`SELECT p.employee_no FROM grants g JOIN persons p ON p.id = g.person_id JOIN grant_batches b ON b.id = g.batch_id WHERE b.plan_id = ${plan2022} AND b.batch = 'first' AND g.category_id = ${category1} ORDER BY 1`,
      )
    ).map((r) => r.employee_no);
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("refuses 2024-06-10 (Dragon Boat Festival) as NOT_A_TRADING_DAY", async () => {
    const e = await refusal(previewVestingRun(h.db, plan2022, input({ vestingDate: "2024-06-10" })));
    expect([e.status, e.code]).toEqual([422, "NOT_A_TRADING_DAY"]);
    const codes = (e.details as { violations: { code: string }[] }).violations.map((v) => v.code);
    expect(codes).toEqual(["NOT_A_TRADING_DAY", "OUTSIDE_WINDOW"]);
  });

  it("refuses a date inside the major-event blackout with IN_BLACKOUT and the window, writing nothing", async () => {
    const before = await counts();
    const e = await refusal(confirmVestingRun(h.db, actor, plan2022, input({ vestingDate: "2026-11-20" })));
    expect([e.status, e.code]).toEqual([422, "IN_BLACKOUT"]);
    expect((e.details as { windows: unknown[] }).windows).toEqual([
      expect.objectContaining({ kind: "major_event", from: "2026-11-16", to: "2026-11-27" }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses missing and unknown grades", async () => {
    const missing = await refusal(previewVestingRun(h.db, plan2022, input({ grades: input().grades.slice(2) })));
    expect(missing.code).toBe("MISSING_GRADES");
    expect((missing.details as { employeeNos: string[] }).employeeNos).toEqual(
      grantees.filter((n) => n !== LEAVER).slice(0, 2),
    );
    const unknown = await refusal(
      previewVestingRun(
        h.db,
        plan2022,
        input({ grades: input().grades.map((g, i) => (i === 0 ? { ...g, grade: "Z" } : g)) }),
      ),
    );
    expect(unknown.code).toBe("UNKNOWN_GRADE");
  });

  it("previews and records a valid run: floor(planned × company × individual) vested, the rest lapsed, the leaver at 0", async () => {
    const preview = await previewVestingRun(h.db, plan2022, input());
    expect(preview.window).toEqual({ open: "2025-12-05", close: "2026-12-04" });
    expect(preview.rows).toHaveLength(grantees.length);
    const leaver = preview.rows.find((r) => r.employeeNo === LEAVER)!;
    expect(leaver).toMatchObject({ vested: 0, note: "left", grade: null });
    for (const r of preview.rows.filter((x) => x.note === null)) {
      const ratio = { A: 1, C: 0.8, D: 0 }[r.grade as "A" | "C" | "D"];
      expect(r.vested).toBe(Math.floor((r.planned * 9 * ratio * 10) / 100 + 1e-9));
      expect(r.lapsed).toBe(r.planned - r.vested);
    }

    const before = await counts();
    const recorded = await confirmVestingRun(h.db, actor, plan2022, input());
    expect(recorded.rows).toEqual(preview.rows);
    const stored = await rows<{
      employee_no: string;
      status: string;
      vested: string;
      lapsed: string;
      vesting_date: string | null;
      lapse_reason: string | null;
    }>(
      h,
      sql`SELECT p.employee_no, t.status::text, t.vested_quantity::text AS vested, t.lapsed_quantity::text AS lapsed, t.vesting_date::text, t.lapse_reason FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN persons p ON p.id = g.person_id JOIN grant_batches b ON b.id = g.batch_id
          WHERE b.plan_id = ${plan2022} AND b.batch = 'first' AND g.category_id = ${category1} AND t.tranche_index = 3 ORDER BY 1`,
    );
    for (const r of preview.rows) {
      const s = stored.find((x) => x.employee_no === r.employeeNo)!;
      if (r.note === "left") expect(s).toMatchObject({ status: "lapsed", lapse_reason: "left" });
      else if (r.vested === 0) expect(s).toMatchObject({ status: "lapsed", lapse_reason: "appraisal" });
      else
        expect(s).toMatchObject({
          status: "vested",
          vested: String(r.vested),
          lapsed: String(r.lapsed),
          vesting_date: "2026-06-01",
        });
    }
    const after = await counts();
    expect(after.runs - before.runs).toBe(1);
    expect(after.appraisals - before.appraisals).toBe(grantees.length - 1);
    expect(after.audit - before.audit).toBe(1);
    const [audit] = await rows<{ action: string; after: { totals: { vested: number } } }>(
      h,
      sql`SELECT action, after FROM audit_log WHERE entity_type = 'vesting_run' AND entity_id = ${recorded.runId}`,
    );
    expect(audit).toMatchObject({
      action: "vesting_run.confirm",
      after: { totals: { vested: preview.totals.vested } },
    });

    // employee@demo.local is E00100: notified in-app and by mail.
    const notices = await rows<{
      email: string;
      payload: { trancheIndex: number; vestingDate: string; vestedQuantity: number };
    }>(
      h,
      sql`SELECT u.email, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'vesting_recorded'`,
    );
    expect(notices).toEqual([
      {
        email: "employee@demo.local",
        payload: expect.objectContaining({
          trancheIndex: 3,
          vestingDate: "2026-06-01",
          vestedQuantity: preview.rows.find((r) => r.employeeNo === "E00100")!.vested,
        }),
      },
    ]);
    const [mail] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM email_outbox WHERE to_address = 'employee@demo.local' AND subject LIKE '%Vesting recorded%'`,
    );
    expect(mail!.n).toBe(1);

    const runs = await listVestingRuns(h.db, plan2022);
    expect(runs[0]).toMatchObject({
      trancheIndex: 3,
      vestingDate: "2026-06-01",
      companyRatio: "0.9",
      fiscalYear: 2025,
      vested: preview.totals.vested,
    });
  });

  it("refuses a second run of the same tranche with 409", async () => {
    const e = await refusal(confirmVestingRun(h.db, actor, plan2022, input({ vestingDate: "2026-06-02" })));
    expect([e.status, e.code]).toEqual([409, "VESTING_RUN_EXISTS"]);
  });

  it("reads grades from an XLSX sheet and from pasted CSV", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("考核结果");
    sheet.addRow(["2025年度个人绩效考核结果"]);
    sheet.addRow(["序号", "工号", "姓名", "考核等级"]);
    sheet.addRow([1, "E00100", "张三", "a"]);
    sheet.addRow([2, "E00101", "李四", "C"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await parseGradesXlsx(bytes)).toEqual([
      { employeeNo: "E00100", grade: "A" },
      { employeeNo: "E00101", grade: "C" },
    ]);
    expect(parseGradesCsv("employee no.,grade\nE00100,B\r\nE00101\tD\n")).toEqual([
      { employeeNo: "E00100", grade: "B" },
      { employeeNo: "E00101", grade: "D" },
    ]);
  });
});
