import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import {
  corporateActions,
  grantBatches,
  participantCategories,
  persons,
  personTaxProfiles,
  plans,
  users,
  vestingBatches,
  vestingBatchLines,
  vestingBatchPeriods,
  vestingPayments,
  vestingRuns,
} from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { parseCsvTable } from "@/lib/features/participants/csv";
import { verifyAuditChain } from "@/lib/platform/auditTrail";
import { encryptIdNumber } from "@/lib/platform/idNumberCipher";
import {
  batchDocument,
  type BatchDocumentInput,
  type BatchDocumentKind,
} from "@/lib/features/vesting-batches/batchDocuments";
import { otherLapseEntries } from "@/lib/features/vesting-batches/lapseByReason";
import { getRegistrarLayout, setRegistrarLayout } from "@/lib/features/vesting-batches/registrarLayout";
import { DEFAULT_REGISTRAR_COLUMNS } from "@/lib/features/vesting-batches/registers/registrarList";
import { docxBodyText } from "../support/docxText";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";
const CSV = "text/csv; charset=utf-8";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MD = "text/markdown; charset=utf-8";

// Issue #16 items 4 and 5 on the database: one registered batch of the 2022 plan's first grant, category 1,
// first tranche (vesting run 2023-12-18), three grantees at 19.68 — the lines set as the close and the
// registration would have set them:
//   张三 (director and senior manager) paid 59,040.00 for all 3,000 shares;
//   李四 paid 30,000.00 for 3,000 → 1,524 shares (29,992.32), refund 7.68, 1,476 waived;
//   王五 never paid → 0 shares, 2,000 waived.
// A fourth grantee of the period, 赵六, left on 2023-06-30: his first tranche lapsed as "left".
// By hand: 4,524 shares vest for 89,032.32 (4,524.00 to share capital, 84,508.32 to reserve); tax at a close
// of 45.00: 张三 (45.00 − 19.68) × 3,000 = 75,960.00 → 5,076.00, 李四 25.32 × 1,524 = 38,587.68 → 1,338.77.
describe.each(BACKENDS)("vesting batch documents on %s", (kind) => {
  let h: DatabaseHandle;
  const ids = { admin: "", hr: "", auditor: "", employee: "", plan: "", firstBatch: "", category: "" };
  const people = { zhang: "", li: "", wang: "", zhao: "" };
  let batchId = "";
  let draftId = "";
  const previousToday = process.env.VD_TODAY;

  type Caller = {
    id: string;
    roles: ("admin" | "hr" | "auditor" | "employee")[];
    apiTokenId: null;
    signedInAt: Date;
    secondFactorAt: null;
  };
  // Signed in just now, without a second factor yet (the grace period): fresh enough for ID numbers.
  const as = (role: "admin" | "hr" | "auditor" | "employee", signedInAt = new Date()): Caller => ({
    id: ids[role],
    roles: [role],
    apiTokenId: null,
    signedInAt,
    secondFactorAt: null,
  });
  const download = async (
    caller: Caller,
    input: BatchDocumentInput,
    batch = batchId,
  ): Promise<{ contentType: string; filename: string; bytes: Buffer }> => {
    const file = await batchDocument(h.db, { userId: caller.id, ip: "10.7.7.7" }, caller, batch, input);
    const bytes = Buffer.from(await new Response(file.body as BodyInit).arrayBuffer());
    return { contentType: file.contentType, filename: file.filename, bytes };
  };
  const csv = (bytes: Buffer) => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...body] = parseCsvTable(bytes.toString("utf8").slice(1));
    return { header: header!, body, totals: body[body.length - 1]! };
  };
  const xlsx = async (bytes: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const out: unknown[][] = [];
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  const audits = (action: string) =>
    rows<{ actor: string; entity: string | null; after: Record<string, unknown>; ip: string }>(
      h,
      sql`SELECT actor_user_id::text AS actor, entity_id AS entity, after, ip FROM audit_log WHERE action = ${action} ORDER BY id`,
    );

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    for (const role of ["admin", "hr", "auditor", "employee"] as const)
      ids[role] = (
        await h.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, `${role}@demo.local`))
      )[0]!.id;
    const plan = (await h.db.select().from(plans)).find((p) => p.nameEn.startsWith("2022"))!;
    ids.plan = plan.id;
    const [first] = await h.db
      .select()
      .from(grantBatches)
      .where(and(eq(grantBatches.planId, plan.id), eq(grantBatches.batch, "first")));
    ids.firstBatch = first!.id;
    const [category] = await h.db
      .select()
      .from(participantCategories)
      .where(and(eq(participantCategories.planId, plan.id), eq(participantCategories.code, 1)));
    ids.category = category!.id;

    const added = await h.db
      .insert(persons)
      .values([
        {
          issuerId: plan.issuerId,
          employeeNo: "E95001",
          name: "张三",
          position: "董事、副总经理",
          idType: "resident_id",
          idNumberEnc: encryptIdNumber("110101199003074514"),
          idNumberLast4: "4514",
          isDirector: true,
          isSeniorManager: true,
        },
        {
          issuerId: plan.issuerId,
          employeeNo: "E95002",
          name: "李四",
          position: "工程师",
          idType: "passport",
          idNumberEnc: encryptIdNumber("E12345678"),
          idNumberLast4: "5678",
        },
        { issuerId: plan.issuerId, employeeNo: "E95003", name: "王五", position: "工程师" },
        {
          issuerId: plan.issuerId,
          employeeNo: "E95004",
          name: "赵六",
          position: "工程师",
          employmentStatus: "left",
          leaveDate: "2023-06-30",
        },
      ])
      .returning({ id: persons.id });
    [people.zhang, people.li, people.wang, people.zhao] = added.map((p) => p.id) as [string, string, string, string];
    // 9,091 × 0.33 → 3,000 in the first tranche; 6,061 × 0.33 → 2,000.
    const grantOf = new Map<string, string>();
    for (const [personId, quantity] of [
      [people.zhang, 9091],
      [people.li, 9091],
      [people.wang, 6061],
      [people.zhao, 6061],
    ] as const) {
      const [g] = await rows<{ id: string }>(
        h,
        sql`INSERT INTO grants (batch_id, plan_id, person_id, category_id, quantity, adjusted_price, adjusted_quantity)
            VALUES (${ids.firstBatch}, ${plan.id}, ${personId}, ${ids.category}, ${quantity}, ${first!.grantPrice}, ${quantity}) RETURNING id::text`,
      );
      grantOf.set(personId, g!.id);
    }
    await h.db.insert(personTaxProfiles).values([
      { personId: people.zhang, securitiesAccount: "A123456789" },
      { personId: people.li, securitiesAccount: "A987654321" },
    ]);
    await rederivePlan(h.db, plan.id, AS_OF);

    const [run] = await h.db
      .select({ id: vestingRuns.id })
      .from(vestingRuns)
      .where(
        and(
          eq(vestingRuns.batchId, ids.firstBatch),
          eq(vestingRuns.categoryId, ids.category),
          eq(vestingRuns.trancheIndex, 1),
        ),
      );
    const batchRow = {
      planId: plan.id,
      registrationDate: "2023-12-18",
      paymentStart: "2023-12-01",
      paymentDeadline: "2023-12-08",
      payeeName: "星衡办公软件股份有限公司",
      payeeBank: "招商银行上海分行",
      payeeAccount: "1219 0000 0000 001",
      referenceTemplate: "VD{batchNo}-{employeeNo}",
    };
    const [batch] = await h.db
      .insert(vestingBatches)
      .values({ ...batchRow, batchNo: 1, status: "registered", listingDate: "2023-12-20" })
      .returning({ id: vestingBatches.id });
    batchId = batch!.id;
    await h.db.insert(vestingBatchPeriods).values({
      vestingBatchId: batchId,
      grantBatchId: ids.firstBatch,
      categoryId: ids.category,
      trancheIndex: 1,
      vestingRunId: run!.id,
    });
    const common = { vestingBatchId: batchId, trancheIndex: 1, adjustedPrice: "19.6800", closingPrice: "45.0000" };
    const lines = await h.db
      .insert(vestingBatchLines)
      .values([
        {
          ...common,
          grantId: grantOf.get(people.zhang)!,
          personId: people.zhang,
          shares: 3000,
          amountDue: "59040.00",
          reference: "VD1-E95001",
          paidShares: 3000,
          waivedShares: 0,
          refund: "0.00",
          taxableIncome: "75960.00",
          tax: "5076.00",
          taxStatus: "computed",
        },
        {
          ...common,
          grantId: grantOf.get(people.li)!,
          personId: people.li,
          shares: 3000,
          amountDue: "59040.00",
          reference: "VD1-E95002",
          paidShares: 1524,
          waivedShares: 1476,
          refund: "7.68",
          taxableIncome: "38587.68",
          tax: "1338.77",
          taxStatus: "computed",
        },
        {
          ...common,
          grantId: grantOf.get(people.wang)!,
          personId: people.wang,
          shares: 2000,
          amountDue: "39360.00",
          reference: "VD1-E95003",
          paidShares: 0,
          waivedShares: 2000,
          refund: "0.00",
          taxableIncome: "0.00",
          tax: "0.00",
          taxStatus: "computed",
        },
      ])
      .returning({ id: vestingBatchLines.id });
    await h.db.insert(vestingPayments).values([
      {
        lineId: lines[0]!.id,
        vestingBatchId: batchId,
        amount: "59040.00",
        paidOn: "2023-12-05",
        transactionId: "TX-1",
        source: "manual",
      },
      {
        lineId: lines[1]!.id,
        vestingBatchId: batchId,
        amount: "30000.00",
        paidOn: "2023-12-06",
        transactionId: "TX-2",
        source: "statement",
      },
    ]);
    // The unpaid shares lapse as waived through the tranche writer, as closing the payment does.
    await rederivePlan(h.db, plan.id, AS_OF);
    // A later batch of the same plan, stepped through the statuses by the status test.
    const [draft] = await h.db
      .insert(vestingBatches)
      .values({ ...batchRow, batchNo: 2, registrationDate: "2024-12-16", status: "draft" })
      .returning({ id: vestingBatches.id });
    draftId = draft!.id;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("capital verification: CSV and XLSX, one row per grantee who vests, totals tied to the payment", async () => {
    const file = await download(as("hr"), { kind: "capital-verification", format: "csv" });
    expect(file.contentType).toBe(CSV);
    expect(file.filename).toBe(`2022年限制性股票激励计划-第1批归属-验资明细表-${AS_OF}.csv`);
    const t = csv(file.bytes);
    expect(t.header).toEqual([
      "工号",
      "姓名",
      "归属股数（股）",
      "缴款金额（元）",
      "计入股本（元）",
      "计入资本公积（元）",
    ]);
    expect(t.body).toEqual([
      ["E95001", "张三", "3000", "59040.00", "3000.00", "56040.00"],
      ["E95002", "李四", "1524", "29992.32", "1524.00", "28468.32"],
      ["合计", "2人", "4524", "89032.32", "4524.00", "84508.32"],
    ]);

    const x = await download(as("auditor"), { kind: "capital-verification", format: "xlsx", locale: "en" });
    expect(x.contentType).toBe(XLSX);
    const sheet = await xlsx(x.bytes);
    expect(sheet[0]).toEqual([
      "Employee no.",
      "Name",
      "Shares vested",
      "Amount paid (CNY)",
      "To share capital (CNY)",
      "To capital reserve (CNY)",
    ]);
    expect(sheet.at(-1)).toEqual(["Total", "2 people", 4524, 89032.32, 4524, 84508.32]);
  });

  it("withholding register: the two taxable lines, the tax adding up to the batch's", async () => {
    const file = await download(as("hr"), { kind: "withholding", format: "csv" });
    expect(file.contentType).toBe(CSV);
    const t = csv(file.bytes);
    const col = (name: string) => t.header.indexOf(name);
    expect(
      t.body.map((r) => [r[0], r[col("归属股数（股）")], r[col("应纳税所得额（元）")], r[col("应扣缴税额（元）")]]),
    ).toEqual([
      ["E95001", "3000", "75960.00", "5076.00"],
      ["E95002", "1524", "38587.68", "1338.77"],
      ["合计", "4524", "114547.68", "6414.77"],
    ]);
    expect(t.body[0]![col("计算状态")]).toBe("已计算");
    expect(t.body[0]![col("本年累计应纳税额（元）")]).toBe("5076.00");

    const x = await download(as("hr"), { kind: "withholding", format: "xlsx" });
    expect(x.contentType).toBe(XLSX);
    const sheet = await xlsx(x.bytes);
    expect(sheet).toHaveLength(4);
    expect(sheet.at(-1)!.slice(0, 7)).toEqual(["合计", "2笔", 4524, undefined, undefined, 114547.68, 6414.77]);
  });

  it("registrar list: masked ID numbers by default, the plan's column order once HR sets it, audited", async () => {
    expect(await getRegistrarLayout(h.db, ids.plan)).toEqual({
      planId: ids.plan,
      columns: [...DEFAULT_REGISTRAR_COLUMNS],
      updatedAt: null,
    });
    const file = await download(as("hr"), { kind: "registrar-list", format: "csv" });
    expect(file.contentType).toBe(CSV);
    const t = csv(file.bytes);
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
    expect(t.body).toEqual([
      ["张三", "居民身份证", "**************4514", "A123456789", "E95001", "3000", "首次授予", "1"],
      ["李四", "护照", "**************5678", "A987654321", "E95002", "1524", "首次授予", "1"],
      ["合计：2人", "", "", "", "", "4524", "", ""],
    ]);
    expect(file.bytes.toString("utf8")).not.toContain("110101199003074514");

    // HR's order: refused when a column is unknown, listed twice or none; stored and audited otherwise.
    for (const columns of [["shares", "mobile"], ["shares", "shares"], []])
      expect((await refusal(setRegistrarLayout(h.db, { userId: ids.hr, ip: null }, ids.plan, { columns }))).code).toBe(
        "BAD_REQUEST",
      );
    expect(
      (
        await refusal(
          setRegistrarLayout(h.db, { userId: ids.hr, ip: null }, "6d2b79f5-0000-4000-8000-00000000abcd", {
            columns: ["shares"],
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const layout = ["shares", "name", "securitiesAccount", "idNumber"];
    const set = await setRegistrarLayout(h.db, { userId: ids.hr, ip: "10.7.7.8" }, ids.plan, { columns: layout });
    expect(set.columns).toEqual(layout);
    expect((await getRegistrarLayout(h.db, ids.plan)).columns).toEqual(layout);
    await setRegistrarLayout(h.db, { userId: ids.hr, ip: "10.7.7.8" }, ids.plan, { columns: layout });
    const layoutAudits = await audits("plan.registrar_layout");
    expect(layoutAudits.map((a) => [a.actor, a.entity, a.after])).toEqual([
      [ids.hr, ids.plan, { columns: layout }],
      [ids.hr, ids.plan, { columns: layout }],
    ]);

    const ordered = csv((await download(as("hr"), { kind: "registrar-list", format: "csv" })).bytes);
    expect(ordered.header).toEqual(["归属股数（股）", "姓名", "证券账户", "证件号码"]);
    expect(ordered.body).toEqual([
      ["3000", "张三", "A123456789", "**************4514"],
      ["1524", "李四", "A987654321", "**************5678"],
      ["4524", "合计：2人", "", ""],
    ]);
    const x = await xlsx((await download(as("hr"), { kind: "registrar-list", format: "xlsx", locale: "en" })).bytes);
    expect(x[0]).toEqual(["Shares vested", "Name", "Securities account", "ID number"]);
    expect(x.at(-1)!.slice(0, 2)).toEqual([4524, "Total: 2 people"]);
  });

  it("full ID numbers: refused to anyone but an admin, asked again after 10 minutes, audited as their own action", async () => {
    const before = (await audits("vesting_batch.document")).length;
    for (const role of ["hr", "auditor"] as const) {
      const e = await refusal(download(as(role), { kind: "registrar-list", format: "csv", includeIdNumbers: true }));
      expect(e.code).toBe("FORBIDDEN");
    }
    const stale = await refusal(
      download(as("admin", new Date(Date.now() - 60 * 60 * 1000)), {
        kind: "registrar-list",
        format: "csv",
        includeIdNumbers: true,
      }),
    );
    expect(stale.code).toBe("STEP_UP_REQUIRED");
    // Nothing was exported, so nothing was logged.
    expect(await audits("vesting_batch.document")).toHaveLength(before);
    expect(await audits("export.id_numbers_included")).toHaveLength(0);

    const file = await download(as("admin"), { kind: "registrar-list", format: "csv", includeIdNumbers: true });
    expect(file.filename).toContain("含证件号码");
    expect(csv(file.bytes).body.slice(0, 2)).toEqual([
      ["3000", "张三", "A123456789", "110101199003074514"],
      ["1524", "李四", "A987654321", "E12345678"],
    ]);
    const entry = {
      batchNo: 1,
      planId: ids.plan,
      kind: "registrar-list",
      format: "csv",
      locale: "zh-CN",
      columns: ["shares", "name", "securitiesAccount", "idNumber"],
      includeIdNumbers: true,
    };
    const documentRows = await audits("vesting_batch.document");
    expect(documentRows).toHaveLength(before + 1);
    expect(documentRows.at(-1)).toEqual({ actor: ids.admin, entity: batchId, after: entry, ip: "10.7.7.7" });
    expect(await audits("export.id_numbers_included")).toEqual([
      { actor: ids.admin, entity: batchId, after: entry, ip: "10.7.7.7" },
    ]);
    // The same download without them: one row, masked numbers.
    const masked = await download(as("admin"), { kind: "registrar-list", format: "csv" });
    expect(masked.bytes.toString("utf8")).not.toContain("110101199003074514");
    expect(await audits("export.id_numbers_included")).toHaveLength(1);
    expect((await audits("vesting_batch.document")).at(-1)!.after).toMatchObject({ includeIdNumbers: false });
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
  });

  it("归属条件成就: people and shares the conditions allow, in Word and Markdown", async () => {
    const docx = await download(as("hr"), { kind: "announcement-conditions", format: "docx" });
    expect(docx.contentType).toBe(DOCX);
    const body = docxBodyText(docx.bytes);
    const md = (await download(as("hr"), { kind: "announcement-conditions", format: "md" })).bytes.toString("utf8");
    for (const text of [body, md]) {
      expect(text).toContain("星衡办公软件股份有限公司关于2022年限制性股票激励计划第一个归属期归属条件成就的公告");
      expect(text).toContain("符合归属条件的激励对象共3人，可归属的限制性股票共计8,000股");
      expect(text).toContain("19.68");
      expect(text).toContain("2023年12月18日");
    }
    expect(md).toContain("| 首次授予 | 2022年12月5日 | 第一类激励对象 | 第一个归属期 | 100% | 3 | 8,000 | 19.68 |");
  });

  it("作废: the period's leavers and appraisal lapses from the tranches, the waived shares from the batch, once each", async () => {
    // What the tranche writer stored for the period, reason by reason.
    const stored = await rows<{ reason: string; people: number; shares: number }>(
      h,
      sql`SELECT t.lapse_reason AS reason, count(DISTINCT g.person_id)::int AS people, sum(t.lapsed_quantity)::int AS shares
          FROM tranches t JOIN grants g ON g.id = t.grant_id
          WHERE g.batch_id = ${ids.firstBatch} AND g.category_id = ${ids.category} AND t.tranche_index = 1 AND t.lapsed_quantity > 0
          GROUP BY 1 ORDER BY 1`,
    );
    const by = Object.fromEntries(stored.map((r) => [r.reason, r]));
    // The tranche writer agrees with the batch: 1,476 + 2,000 waived by two people.
    expect(by.waived).toEqual({ reason: "waived", people: 2, shares: 3476 });
    expect(by.left).toEqual({ reason: "left", people: 1, shares: 2000 });
    expect(by.appraisal!.shares).toBeGreaterThan(0);
    const appraisal = by.appraisal!;
    const totalPeople = appraisal.people + 1 + 2;
    const totalShares = appraisal.shares + 2000 + 3476;
    const g = (n: number) => n.toLocaleString("en-US");

    const md = (await download(as("hr"), { kind: "announcement-lapse", format: "md" })).bytes.toString("utf8");
    const docx = await download(as("hr"), { kind: "announcement-lapse", format: "docx" });
    expect(docx.contentType).toBe(DOCX);
    const body = docxBodyText(docx.bytes);
    for (const text of [md, body]) {
      expect(text).toContain(
        `本次合计作废已授予尚未归属的限制性股票${g(totalShares)}股，涉及激励对象${g(totalPeople)}人`,
      );
      expect(text).toContain("激励对象离职：涉及1人，作废2,000股");
      expect(text).toContain(`考核结果未达到全部归属条件：涉及${g(appraisal.people)}人，作废${g(appraisal.shares)}股`);
      expect(text).toContain("激励对象未缴款（自愿放弃）：涉及2人，作废3,476股");
    }
    expect(md).toContain("| 1 | 激励对象离职 | 1 | 2,000 |");
    expect(md).toContain(`| 2 | 考核结果未达到全部归属条件 | ${g(appraisal.people)} | ${g(appraisal.shares)} |`);
    expect(md).toContain("| 3 | 激励对象未缴款（自愿放弃） | 2 | 3,476 |");
    expect(md).toContain(`| **合计** |  | **${g(totalPeople)}** | **${g(totalShares)}** |`);
  });

  it("a tranche partly failed on appraisal and partly unpaid is stored as waived: the rest is the appraisal's", () => {
    expect(
      otherLapseEntries([
        { personId: "a", lapseReason: "waived", lapsedQuantity: 700, waived: 100 },
        { personId: "b", lapseReason: "waived", lapsedQuantity: 100, waived: 100 },
        { personId: "c", lapseReason: "left", lapsedQuantity: 2000, waived: 0 },
        { personId: "d", lapseReason: "appraisal", lapsedQuantity: 0, waived: 0 },
      ]),
    ).toEqual([
      { reason: "appraisal", shares: 600, personId: "a" },
      { reason: "left", shares: 2000, personId: "c" },
    ]);
  });

  it("归属结果暨股份上市 ties out to the registrar list and the capital verification", async () => {
    const docx = await download(as("hr"), { kind: "announcement-result", format: "docx" });
    expect(docx.contentType).toBe(DOCX);
    const md = await download(as("hr"), { kind: "announcement-result", format: "md" });
    expect(md.contentType).toBe(MD);
    const mdText = md.bytes.toString("utf8");
    const body = docxBodyText(docx.bytes);
    for (const text of [mdText, body]) {
      expect(text).toContain("上市股数为4,524股");
      expect(text).toContain("2023年12月20日");
      expect(text).toContain(
        "公司共收到2名激励对象缴纳的认购款人民币89,032.32元，其中计入股本人民币4,524.00元，计入资本公积人民币84,508.32元",
      );
    }
    // The demo's share capital: 461,000,000 since 2019-11-18, the latest row on or before the registration.
    expect(mdText).toContain("| 股本总数（股） | 461,000,000 | 4,524 | 461,004,524 |");
    expect(mdText).toContain("| 1 | 张三 | 董事、高级管理人员 | 3,000 |");
    expect(mdText).toContain("| 其他激励对象（1人） |  | 1,524 |");

    // The three tie: registrar list shares = capital-verification shares = announced shares = the batch's.
    const registrar = csv((await download(as("admin"), { kind: "registrar-list", format: "csv" })).bytes);
    const capital = csv((await download(as("admin"), { kind: "capital-verification", format: "csv" })).bytes);
    const registrarShares = Number(registrar.totals[registrar.header.indexOf("归属股数（股）")]);
    const capitalShares = Number(capital.totals[2]);
    const announced = Number(/上市股数为([\d,]+)股/.exec(mdText)![1]!.replace(/,/g, ""));
    const announcedAmount = /认购款人民币([\d,.]+)元/.exec(mdText)![1]!.replace(/,/g, "");
    const [{ paid }] = (await rows<{ paid: number }>(
      h,
      sql`SELECT sum(paid_shares)::int AS paid FROM vesting_batch_lines WHERE vesting_batch_id = ${batchId}`,
    )) as [{ paid: number }];
    expect([registrarShares, capitalShares, announced, paid]).toEqual([4524, 4524, 4524, 4524]);
    expect(announcedAmount).toBe(capital.totals[3]);
  });

  it("refuses each document before the status that fixes its figures, and a format it does not come in", async () => {
    const kinds: BatchDocumentKind[] = [
      "capital-verification",
      "withholding",
      "registrar-list",
      "announcement-conditions",
      "announcement-lapse",
      "announcement-result",
    ];
    const formatOf = (k: BatchDocumentKind) => (k.startsWith("announcement-") ? "md" : "csv");
    // What each status allows (the adjustment announcement is never refused for the status).
    const allowed: Record<string, BatchDocumentKind[]> = {
      draft: [],
      conditions_confirmed: ["announcement-conditions"],
      payment_open: ["announcement-conditions"],
      payment_closed: ["announcement-conditions", "capital-verification", "announcement-lapse"],
      registered: kinds,
      announced: kinds,
    };
    const statuses = Object.keys(allowed);
    for (const status of statuses) {
      await h.db
        .update(vestingBatches)
        .set({ status: status as "draft" })
        .where(eq(vestingBatches.id, draftId));
      for (const k of kinds) {
        const attempt = download(as("hr"), { kind: k, format: formatOf(k) }, draftId);
        if (allowed[status]!.includes(k)) {
          await expect(attempt, `${k} at ${status}`).resolves.toBeTruthy();
          continue;
        }
        const e = await refusal(attempt);
        expect([e.code, e.status], `${k} at ${status}`).toEqual(["VESTING_BATCH_STATUS", 409]);
        const from =
          { "announcement-conditions": 1, "capital-verification": 3, "announcement-lapse": 3 }[k as string] ?? 4;
        expect(e.details, `${k} at ${status}`).toEqual({ status, expected: statuses.slice(from) });
      }
    }
    await h.db.update(vestingBatches).set({ status: "draft" }).where(eq(vestingBatches.id, draftId));

    for (const [k, format] of [
      ["capital-verification", "docx"],
      ["registrar-list", "md"],
      ["announcement-result", "csv"],
      ["announcement-conditions", "xlsx"],
    ] as const)
      expect((await refusal(download(as("hr"), { kind: k, format }))).code, `${k} as ${format}`).toBe("BAD_REQUEST");
    expect((await refusal(download(as("employee"), { kind: "capital-verification", format: "csv" }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (
        await refusal(
          download(as("hr"), { kind: "capital-verification", format: "csv" }, "6d2b79f5-0000-4000-8000-00000000abcd"),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("audits every download with its kind and format", async () => {
    const before = (await audits("vesting_batch.document")).length;
    await download(as("auditor"), { kind: "withholding", format: "xlsx", locale: "en" });
    await download(as("auditor"), { kind: "announcement-result", format: "docx" });
    const after = await audits("vesting_batch.document");
    expect(after.slice(before)).toEqual([
      {
        actor: ids.auditor,
        entity: batchId,
        ip: "10.7.7.7",
        after: { batchNo: 1, planId: ids.plan, kind: "withholding", format: "xlsx", locale: "en" },
      },
      {
        actor: ids.auditor,
        entity: batchId,
        ip: "10.7.7.7",
        after: { batchNo: 1, planId: ids.plan, kind: "announcement-result", format: "docx" },
      },
    ]);
  });

  // Last: the dividend re-derives the plan's prices (the batch's lines keep theirs).
  it("调整: the corporate actions since the plan's previous vesting, per grant batch, from the adjustment records", async () => {
    // No corporate action adjusted the 2022 plan before its first vesting.
    expect((await refusal(download(as("hr"), { kind: "announcement-adjustment", format: "md" }))).code).toBe(
      "NOT_FOUND",
    );
    const [issuer] = await rows<{ id: string }>(h, sql`SELECT issuer_id::text AS id FROM plans WHERE id = ${ids.plan}`);
    const [action] = await h.db
      .insert(corporateActions)
      .values({ issuerId: issuer!.id, type: "dividend", exDate: "2023-07-10", v: "0.30" })
      .returning({ id: corporateActions.id });
    await rederivePlan(h.db, ids.plan, AS_OF);
    const [expected] = await rows<{ before: number; after: number; prices: string }>(
      h,
      sql`SELECT sum(ar.quantity_before)::int AS before, sum(ar.quantity_after)::int AS after,
                 string_agg(DISTINCT ar.price_before::text || '>' || ar.price_after::text, ',') AS prices
          FROM adjustment_records ar JOIN grants g ON g.id = ar.grant_id
          WHERE ar.corporate_action_id = ${action!.id} AND g.plan_id = ${ids.plan} AND g.batch_id = ${ids.firstBatch}`,
    );
    expect(expected!.prices).toBe("39.58>39.28");
    const file = await download(as("hr"), { kind: "announcement-adjustment", format: "md" });
    expect(file.contentType).toBe(MD);
    const md = file.bytes.toString("utf8");
    const g = (n: number) => n.toLocaleString("en-US");
    expect(md).toContain("关于调整2022年限制性股票激励计划授予价格的公告");
    expect(md).toContain(
      `| 首次授予 | 2022年12月5日 | 派息 | 2023年7月10日 | 39.58 | 39.28 | ${g(expected!.before)} | ${g(expected!.after)} |`,
    );
    // The reserved grant (2023-09-20) came after the ex-date: not adjusted, not listed.
    expect(md).not.toContain("预留授予");
    const docx = await download(as("hr"), { kind: "announcement-adjustment", format: "docx" });
    expect(docx.contentType).toBe(DOCX);
    expect(docxBodyText(docx.bytes)).toContain("39.28");
    // The plan's next batch reports only what happened after this one's registration: nothing yet.
    expect((await refusal(download(as("hr"), { kind: "announcement-adjustment", format: "md" }, draftId))).code).toBe(
      "NOT_FOUND",
    );
  });
});
