/**
 * The warning gate of a participant list: a file without a 职务 (position) column previews with the
 * POSITION_COLUMN_MISSING warning in both languages; applying it is refused (WARNINGS_NOT_ACCEPTED,
 * nothing written: no version, entry or audit row) until the warning is accepted, and then the HR
 * records' positions are listed. Also the list template served for a plan reads back through the importer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import {
  applyParticipants,
  parseParticipantFile,
  previewParticipants,
} from "@/lib/features/participants/participantImport";
import { participantListTemplate } from "@/lib/features/participants/listTemplate";
import { createPlan, planInputSchema } from "@/lib/features/plans/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";
const PEOPLE = ["E00040", "E00041"];

describe.each(BACKENDS)("participant list warnings on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let planId: string;
  let people: { employee_no: string; name: string; position: string }[];
  const previousToday = process.env.VD_TODAY;
  const counts = async () =>
    (
      await rows<{ versions: number; entries: number; audits: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM participant_list_versions) AS versions, (SELECT count(*)::int FROM participant_list_entries) AS entries, (SELECT count(*)::int FROM audit_log) AS audits`,
      )
    )[0]!;
  const csv = (withPosition: boolean) =>
    new TextEncoder().encode(
      [
        withPosition
          ? "工号,姓名,职务,类别,授予数量"
          : "*工号 Employee no.,*姓名 Name,*类别 Category,*授予数量 Quantity",
        ...people.map((p) => [p.employee_no, p.name, ...(withPosition ? ["另写的职务"] : []), 1, 1000].join(",")),
      ].join("\r\n"),
    );
  const refusal = (run: () => Promise<unknown>) =>
    run().then(
      () => {
        throw new Error("not refused");
      },
      (e: { status: number; code: string; details: Record<string, unknown> }) => e,
    );

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
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
    people = await rows(
      h,
      sql`SELECT employee_no, name, position FROM persons WHERE employee_no IN ('E00040', 'E00041') ORDER BY employee_no`,
    );
    expect(people.map((p) => p.employee_no)).toEqual(PEOPLE);
    expect(people.every((p) => p.position !== "")).toBe(true);
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("a file with the 职务 column has no warning and applies without accepting anything", async () => {
    const list = await parseParticipantFile(csv(true), "有职务.csv");
    const preview = await previewParticipants(h.db, planId, "reserved", list);
    expect([preview.ok, preview.warnings]).toEqual([true, []]);
    const result = await applyParticipants(h.db, actor, planId, "reserved", list, "有职务.csv");
    expect(result).toMatchObject({ version: 1, unchanged: false, people: 2 });
  });

  it("a file without 职务 previews with the warning in both languages, writing nothing", async () => {
    const before = await counts();
    const list = await parseParticipantFile(csv(false), "无职务.csv");
    const preview = await previewParticipants(h.db, planId, "first", list);
    expect(preview.ok).toBe(true);
    expect(preview.warnings).toEqual([
      {
        code: "POSITION_COLUMN_MISSING",
        text: { en: expect.stringContaining("HR records"), zh: expect.stringContaining("职务") },
        details: { rows: 2 },
      },
    ]);
    // The positions that would be published are the HR records'.
    expect(preview.rows.map((r) => r.position)).toEqual(people.map((p) => p.position));
    expect(await counts()).toEqual(before);
  });

  it("applying without accepting the warning is refused and writes nothing", async () => {
    const before = await counts();
    const list = await parseParticipantFile(csv(false), "无职务.csv");
    for (const acceptWarnings of [undefined, [], ["SOMETHING_ELSE"]]) {
      const e = await refusal(() =>
        applyParticipants(h.db, actor, planId, "first", list, "无职务.csv", acceptWarnings ? { acceptWarnings } : {}),
      );
      expect(e).toMatchObject({
        status: 400,
        code: "WARNINGS_NOT_ACCEPTED",
        details: { unaccepted: ["POSITION_COLUMN_MISSING"] },
      });
    }
    expect(await counts()).toEqual(before);
    const [versions] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM participant_list_versions WHERE plan_id = ${planId} AND batch = 'first'`,
    );
    expect(versions!.n).toBe(0);
  });

  it("a list with errors is refused for its errors first, accepted warning or not", async () => {
    const before = await counts();
    const list = await parseParticipantFile(
      new TextEncoder().encode("工号,姓名,类别,授予数量\nE99999,无此人,1,1000\n"),
      "错.csv",
    );
    const e = await refusal(() =>
      applyParticipants(h.db, actor, planId, "first", list, undefined, { acceptWarnings: ["POSITION_COLUMN_MISSING"] }),
    );
    expect(e).toMatchObject({ status: 422, code: "INVALID_PARTICIPANT_LIST" });
    expect(await counts()).toEqual(before);
  });

  it("once accepted the list is applied with the HR records' positions and one audit row", async () => {
    const before = await counts();
    const list = await parseParticipantFile(csv(false), "无职务.csv");
    const result = await applyParticipants(h.db, actor, planId, "first", list, "无职务.csv", {
      acceptWarnings: ["POSITION_COLUMN_MISSING"],
    });
    expect(result).toMatchObject({ version: 1, unchanged: false, people: 2, total: 2000 });
    expect(await counts()).toEqual({
      versions: before.versions + 1,
      entries: before.entries + 2,
      audits: before.audits + 1,
    });
    const entries = await rows<{ position: string }>(
      h,
      sql`SELECT e.position FROM participant_list_entries e JOIN persons p ON p.id = e.person_id WHERE e.list_version_id = ${result.versionId} ORDER BY p.employee_no`,
    );
    expect(entries.map((e) => e.position)).toEqual(people.map((p) => p.position));
  });

  it("serves the plan's template, which reads back through the importer; 404 for an unknown plan", async () => {
    const xlsx = await participantListTemplate(h.db, planId, "xlsx");
    expect(xlsx).toMatchObject({
      filename: "激励对象名单模板.xlsx",
      asciiFilename: "participant-list-template.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    const csvFile = await participantListTemplate(h.db, planId, "csv");
    expect(csvFile.contentType).toBe("text/csv; charset=utf-8");
    for (const file of [xlsx, csvFile]) {
      const parsed = await parseParticipantFile(file.body as Uint8Array, file.filename);
      expect(parsed).toEqual([
        {
          line: 2,
          employeeNo: "E00001",
          name: "张三",
          nationality: "中国",
          position: "核心技术人员",
          categoryId: "1",
          quantity: "10000",
        },
      ]);
      const preview = await previewParticipants(h.db, planId, "first", parsed);
      expect(preview.warnings).toEqual([]);
    }
    await expect(participantListTemplate(h.db, "00000000-0000-4000-8000-000000000000", "xlsx")).rejects.toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
  });
});
