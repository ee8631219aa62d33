import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import {
  objections,
  participantCategories,
  participantListEntries,
  participantListVersions,
  persons,
  plans,
  publicityPeriods,
  users,
} from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { answerObjection, closePublicityPeriod, openPublicityPeriod } from "@/lib/features/publicity/commands";
import { listPublicityPeriods, publicityPeriodDetail } from "@/lib/features/publicity/publicityReads";
import { listObjections } from "@/lib/features/publicity/objectionInbox";
import { buildPublicityNoticeXlsx, spreadsheetSafeText } from "@/lib/features/publicity/publicityNotice";
import { attachmentDisposition } from "@/lib/platform/http/downloadResponse";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";

/** The refusal a call ends with, or null when it succeeds. */

describe.each(BACKENDS)("HR publicity periods on %s", (kind) => {
  let h: DatabaseHandle;
  let hr: Actor;
  let plan2026: { id: string; issuerId: string; blackoutRuleSetId: string };
  let period2026: string;

  const auditCount = async () => (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
  const periodCount = async () =>
    (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM publicity_periods`))[0]!.n;

  /** A board-approved plan with one first-grant list version of the given people (name overrides allowed). */
  async function draftPlan(
    label: string,
    people: { employeeNo: string; name?: string }[],
    status: "draft" | "board_approved" = "board_approved",
  ) {
    const [plan] = await h.db
      .insert(plans)
      .values({
        issuerId: plan2026.issuerId,
        name: `测试计划 ${label}`,
        nameEn: `Test plan ${label}`,
        totalQuantity: 1000,
        firstGrantQuantity: 1000,
        reservedQuantity: 0,
        shareCapitalAtAnnouncement: 1_000_000,
        validityMonths: 48,
        blackoutRuleSetId: plan2026.blackoutRuleSetId,
        verifyingBody: "remuneration_committee",
        status,
        gradeTable: { A: "1" },
      })
      .returning();
    const [cat] = await h.db
      .insert(participantCategories)
      .values({ planId: plan!.id, code: 1, name: "类别", nameEn: "Category" })
      .returning();
    const [version] = await h.db
      .insert(participantListVersions)
      .values({ planId: plan!.id, batch: "first", version: 1, contentHash: `test-${label}` })
      .returning();
    for (const p of people) {
      const [person] = await h.db.select().from(persons).where(eq(persons.employeeNo, p.employeeNo));
      await h.db.insert(participantListEntries).values({
        listVersionId: version!.id,
        personId: person!.id,
        categoryId: cat!.id,
        name: p.name ?? person!.name,
        position: person!.position,
        nationality: person!.nationality,
        quantity: 100,
      });
    }
    return { planId: plan!.id, listVersionId: version!.id };
  }

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [u] = await h.db.select().from(users).where(eq(users.email, "hr@demo.local"));
    hr = { userId: u!.id, ip: "10.0.0.1" };
    const [p] = await h.db.select().from(plans).where(eq(plans.nameEn, "2026 Restricted Stock Incentive Plan"));
    plan2026 = { id: p!.id, issuerId: p!.issuerId, blackoutRuleSetId: p!.blackoutRuleSetId };
    const [period] = await h.db.select().from(publicityPeriods).where(eq(publicityPeriods.planId, p!.id));
    period2026 = period!.id;
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => h?.close());

  it("refuses a 9-day publicity with PUBLICITY_TOO_SHORT and writes nothing, not even an audit row", async () => {
    const { planId } = await draftPlan("nine", [{ employeeNo: "E00010" }]);
    const [audits, periods] = [await auditCount(), await periodCount()];
    const e = await refusal(openPublicityPeriod(h.db, hr, planId, { startDate: "2026-12-01", endDate: "2026-12-09" }));
    expect([e.status, e.code]).toEqual([422, "PUBLICITY_TOO_SHORT"]);
    expect(e.details).toMatchObject({ days: 9, required: 10 });
    expect([await auditCount(), await periodCount()]).toEqual([audits, periods]);
    const [plan] = await h.db.select().from(plans).where(eq(plans.id, planId));
    expect(plan!.status).toBe("board_approved");
  });

  it("refuses the publicity of a draft plan the board has not approved, writing nothing", async () => {
    const { planId } = await draftPlan("draft", [{ employeeNo: "E00013" }], "draft");
    const periods = await periodCount();
    const audits = await auditCount();
    const e = await refusal(openPublicityPeriod(h.db, hr, planId, { startDate: "2026-12-01", endDate: "2026-12-10" }));
    expect([e.status, e.code]).toEqual([409, "PLAN_NOT_BOARD_APPROVED"]);
    expect(await periodCount()).toBe(periods);
    expect(await auditCount()).toBe(audits);
  });

  it("accepts 10 days on the latest first-grant list, moves a board-approved plan to publicity and audits both changes", async () => {
    const { planId, listVersionId } = await draftPlan("ten", [{ employeeNo: "E00011" }]);
    const audits = await auditCount();
    const period = await openPublicityPeriod(h.db, hr, planId, { startDate: "2026-12-01", endDate: "2026-12-10" });
    expect(period).toMatchObject({
      planId,
      listVersionId,
      startDate: "2026-12-01",
      endDate: "2026-12-10",
      channel: "Vesting Desk",
      status: "open",
    });
    const [plan] = await h.db.select().from(plans).where(eq(plans.id, planId));
    expect(plan!.status).toBe("publicity");
    const trail = await rows<{ action: string; before: unknown; after: { status?: string } }>(
      h,
      sql`SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 2`,
    );
    expect(await auditCount()).toBe(audits + 2);
    expect(trail.map((t) => t.action).sort()).toEqual(["plan.status", "publicity.opened"]);
    expect(trail.find((t) => t.action === "plan.status")).toMatchObject({
      before: { status: "board_approved" },
      after: { status: "publicity" },
    });
  });

  it("refuses a second open period with 409 and a list version of another plan with 422", async () => {
    const e = await refusal(
      openPublicityPeriod(h.db, hr, plan2026.id, { startDate: "2026-12-01", endDate: "2026-12-15" }),
    );
    expect([e.status, e.code]).toEqual([409, "PUBLICITY_ALREADY_OPEN"]);
    const other = await draftPlan("other", [{ employeeNo: "E00012" }]);
    const e2 = await refusal(
      openPublicityPeriod(h.db, hr, other.planId, {
        listVersionId: (await draftPlan("third", [])).listVersionId,
        startDate: "2026-12-01",
        endDate: "2026-12-15",
      }),
    );
    expect([e2.status, e2.code]).toEqual([422, "LIST_VERSION_OTHER_PLAN"]);
    const e3 = await refusal(
      openPublicityPeriod(h.db, hr, "not-a-uuid", { startDate: "2026-12-01", endDate: "2026-12-15" }),
    );
    expect(e3.status).toBe(404);
  });

  it("lists objections with the filer for staff, answers and upholds them, and counts them by status", async () => {
    const [emp] = await h.db.select().from(users).where(eq(users.email, "employee@demo.local"));
    const [admin] = await h.db.select().from(users).where(eq(users.email, "admin@demo.local"));
    // Filed a second apart, so the inbox (oldest first) has one order whatever the clock's resolution.
    const filedAt = Date.now() - 60_000;
    await h.db.insert(objections).values({
      publicityPeriodId: period2026,
      filedByUserId: emp!.id,
      receiptNo: "OBJ-T-1",
      text: "职务与实际不符",
      createdAt: new Date(filedAt),
    });
    await h.db.insert(objections).values({
      publicityPeriodId: period2026,
      filedByUserId: admin!.id,
      receiptNo: "OBJ-T-2",
      text: "此人已离职",
      createdAt: new Date(filedAt + 1000),
    });
    // The demo's own objection (filed by employee2) is left aside: these two are the test's.
    const inbox = (await listObjections(h.db, period2026)).items.filter((o) => o.receiptNo.startsWith("OBJ-T-"));
    expect(inbox.map((o) => [o.receiptNo, o.filerEmail, o.filerEmployeeNo, o.status])).toEqual([
      ["OBJ-T-1", "employee@demo.local", "E00100", "open"],
      ["OBJ-T-2", "admin@demo.local", null, "open"],
    ]);
    expect(inbox[0]!.filerName).toBe(emp!.displayName);

    const answered = await answerObjection(h.db, hr, inbox[0]!.id, {
      status: "answered",
      response: "经核实职务无误。",
    });
    expect(answered).toMatchObject({ status: "answered", listChangeRequired: false });
    const upheld = await answerObjection(h.db, hr, inbox[1]!.id, { status: "upheld", response: "属实，将更新名单。" });
    expect(upheld).toMatchObject({ status: "upheld", listChangeRequired: true });
    const [row] = await h.db.select().from(objections).where(eq(objections.id, inbox[1]!.id));
    expect(row).toMatchObject({ status: "upheld", response: "属实，将更新名单。", answeredBy: hr.userId });
    const [audit] = await rows<{ action: string; before: { status: string }; after: { status: string } }>(
      h,
      sql`SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({
      action: "objection.upheld",
      before: { status: "open" },
      after: { status: "upheld" },
    });

    const periods = await listPublicityPeriods(h.db, plan2026.id);
    expect(periods).toHaveLength(1);
    expect(periods[0]!.objectionCounts).toEqual({ open: 1, answered: 1, upheld: 1, total: 3 });
    expect(
      (
        await refusal(
          answerObjection(h.db, hr, "00000000-0000-0000-0000-000000000000", { status: "answered", response: "x y" }),
        )
      ).status,
    ).toBe(404);
  });

  it("refuses closing before the end date and closes after it with a summary", async () => {
    vi.stubEnv("VD_TODAY", "2026-11-30");
    const audits = await auditCount();
    const e = await refusal(closePublicityPeriod(h.db, hr, period2026, { summary: "公示期内收到2条意见。" }));
    expect([e.status, e.code]).toEqual([422, "PUBLICITY_NOT_ENDED"]);
    expect(await auditCount()).toBe(audits);
    const [still] = await h.db.select().from(publicityPeriods).where(eq(publicityPeriods.id, period2026));
    expect(still!.status).toBe("open");

    vi.stubEnv("VD_TODAY", "2026-12-01");
    const closed = await closePublicityPeriod(h.db, hr, period2026, {
      summary: "公示期内收到2条意见，1条属实，名单将调整。",
    });
    expect(closed).toMatchObject({ status: "closed", summary: "公示期内收到2条意见，1条属实，名单将调整。" });
    const [row] = await h.db.select().from(publicityPeriods).where(eq(publicityPeriods.id, period2026));
    expect(row!.status).toBe("closed");
    expect(row!.closedAt).toBeInstanceOf(Date);
    expect(await auditCount()).toBe(audits + 1);
    const again = await refusal(closePublicityPeriod(h.db, hr, period2026, { summary: "再次关闭" }));
    expect([again.status, again.code]).toEqual([409, "PUBLICITY_ALREADY_CLOSED"]);
  });

  it("builds a notice with names and positions only, where no cell is a formula", async () => {
    const { planId } = await draftPlan("notice", [
      { employeeNo: "E00020", name: '=HYPERLINK("http://evil.example","点我")' },
      { employeeNo: "E00021", name: "+SUM(1,2)" },
      { employeeNo: "E00022" },
    ]);
    const period = await openPublicityPeriod(h.db, hr, planId, { startDate: "2026-12-01", endDate: "2026-12-12" });
    const detail = await publicityPeriodDetail(h.db, period.id);
    expect(detail.entries).toHaveLength(3);
    const buffer = await buildPublicityNoticeXlsx({
      planName: detail.planName,
      startDate: detail.startDate,
      endDate: detail.endDate,
      entries: detail.entries,
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    for (const c of cells) {
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(typeof c.value).toBe("string");
    }
    expect(String(ws.getCell("A1").value)).toContain("测试计划 notice");
    expect(String(ws.getCell("A2").value)).toContain("2026-12-01");
    expect([1, 2, 3].map((i) => ws.getRow(4).getCell(i).value)).toEqual(["序号 No.", "姓名 Name", "职务 Position"]);
    const body = [5, 6, 7].map((r) => [1, 2, 3].map((c) => ws.getRow(r).getCell(c).value));
    const [e20] = await h.db.select().from(persons).where(eq(persons.employeeNo, "E00020"));
    expect(body[0]).toEqual(["1", `'=HYPERLINK("http://evil.example","点我")`, e20!.position]);
    expect(body[1]![1]).toBe("'+SUM(1,2)");
    // Nothing beyond three columns: neither quantities nor ID numbers have a place.
    expect(ws.actualColumnCount).toBe(3);
    expect(ws.actualRowCount).toBe(3 + 3);
    const text = cells.map((c) => String(c.value)).join("|");
    expect(text).not.toContain("100|");
  });

  it("quotes every formula trigger and leaves other text alone", () => {
    for (const v of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x"]) expect(spreadsheetSafeText(v)).toBe(`'${v}`);
    for (const v of ["张三", "副总经理", "a=b", ""]) expect(spreadsheetSafeText(v)).toBe(v);
  });

  it("encodes the download name per RFC 5987", () => {
    const d = attachmentDisposition("2026年计划-公示名单.xlsx", "publicity-notice.xlsx");
    expect(d).toBe(
      `attachment; filename="publicity-notice.xlsx"; filename*=UTF-8''${encodeURIComponent("2026年计划-公示名单.xlsx")}`,
    );
    expect(attachmentDisposition("a'(b).xlsx", "x.xlsx")).toContain("filename*=UTF-8''a%27%28b%29.xlsx");
  });
});
