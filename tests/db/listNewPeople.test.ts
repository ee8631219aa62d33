import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, participantCategories, participantListVersions, persons, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { previewParticipants, rowsFromJson } from "@/lib/features/participants/participantImport";
import { applyParticipantsWithNewPeople, previewParticipantsWithNewPeople } from "@/lib/features/persons/listNewPeople";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

describe.each(BACKENDS)("a participant list that adds its new people on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let planId: string;
  let knownName = "";
  const tables = { persons, participant_list_versions: participantListVersions, audit_log: auditLog };
  const count = async (table: keyof typeof tables) =>
    Number((await h.db.select({ n: sql<string>`count(*)::text` }).from(tables[table]))[0]!.n);
  const list = (extra: ({ employeeNo: string } & Record<string, string>)[] = []) =>
    rowsFromJson([
      { employeeNo: "E00010", name: knownName, position: "", categoryId: "1", quantity: "1000", nationality: "" },
      {
        employeeNo: "H26001",
        name: "新员工甲",
        position: "工程师",
        categoryId: "1",
        quantity: "2000",
        nationality: "中国",
      },
      {
        employeeNo: "H26002",
        name: "Jane Roe",
        position: "Designer",
        categoryId: "1",
        quantity: "3000",
        nationality: "US",
      },
      ...extra.map((e) => ({ categoryId: "1", quantity: "500", nationality: "", position: "", name: "", ...e })),
    ]);

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, "2026-12-06");
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.5.5.5" };
    const [template] = await h.db.select().from(plans).limit(1);
    const [plan] = await h.db
      .insert(plans)
      .values({
        issuerId: template!.issuerId,
        name: "新人计划",
        nameEn: "New hires plan",
        totalQuantity: 100_000,
        firstGrantQuantity: 100_000,
        reservedQuantity: 0,
        shareCapitalAtAnnouncement: 400_000_000,
        validityMonths: 48,
        blackoutRuleSetId: template!.blackoutRuleSetId,
        verifyingBody: "remuneration_committee",
        status: "board_approved",
        gradeTable: { A: "1" },
      })
      .returning();
    planId = plan!.id;
    await h.db.insert(participantCategories).values({ planId, code: 1, name: "类别", nameEn: "Category" });
    const [known] = await rows<{ name: string }>(h, sql`SELECT name FROM persons WHERE employee_no = 'E00010'`);
    knownName = known!.name;
  });
  afterAll(async () => h?.close());

  it("without the tick an unknown employee no. is an error", async () => {
    const preview = await previewParticipants(h.db, planId, "first", list());
    expect(preview.ok).toBe(false);
    expect(
      preview.rows.filter((r) => r.errors.some((e) => e.code === "UNKNOWN_PERSON")).map((r) => r.employeeNo),
    ).toEqual(["H26001", "H26002"]);
  });

  it("the preview with the tick checks everything as if the people existed, and leaves nothing behind", async () => {
    const before = { persons: await count("persons"), audit: await count("audit_log") };
    const preview = await previewParticipantsWithNewPeople(h.db, actor, planId, "first", list());
    expect(preview.newPeople).toEqual(["H26001", "H26002"]);
    expect(preview.ok).toBe(true);
    expect(preview.summary).toMatchObject({ rows: 3, people: 3, total: 6000, errorRows: 0 });
    expect(preview.rows.find((r) => r.employeeNo === "H26002")).toMatchObject({ personId: null, nationality: "US" });
    expect({ persons: await count("persons"), audit: await count("audit_log") }).toEqual(before);
  });

  it("a new person who cannot be created fails the list, and applying writes neither people nor list", async () => {
    const bad = list([{ employeeNo: "H26003", name: "无职务" }]);
    const preview = await previewParticipantsWithNewPeople(h.db, actor, planId, "first", bad);
    expect(preview.ok).toBe(false);
    expect(preview.rows.find((r) => r.employeeNo === "H26003")!.errors.map((e) => e.code)).toContain("MISSING_FIELD");
    const before = { persons: await count("persons"), versions: await count("participant_list_versions") };
    const e = await refusal(applyParticipantsWithNewPeople(h.db, actor, planId, "first", bad));
    expect(e.code).toBe("INVALID_PERSON_FILE");
    expect({ persons: await count("persons"), versions: await count("participant_list_versions") }).toEqual(before);
  });

  it("a list error after the people were created rolls the people back too", async () => {
    const before = await count("persons");
    const tooMuch = list([{ employeeNo: "H26004", name: "超额", position: "工程师", quantity: "200000" }]);
    const e = await refusal(applyParticipantsWithNewPeople(h.db, actor, planId, "first", tooMuch));
    expect(e.code).toBe("INVALID_PARTICIPANT_LIST");
    expect(await count("persons")).toBe(before);
  });

  it("applying creates the people and the list in one transaction", async () => {
    const result = await applyParticipantsWithNewPeople(h.db, actor, planId, "first", list(), "hires.xlsx");
    expect(result).toMatchObject({ version: 1, people: 3, total: 6000, peopleCreated: 2, unchanged: false });
    const created = await rows<{ employee_no: string; nationality: string; position: string }>(
      h,
      sql`SELECT employee_no, nationality, position FROM persons WHERE employee_no LIKE 'H26%' ORDER BY 1`,
    );
    expect(created).toEqual([
      { employee_no: "H26001", nationality: "CN", position: "工程师" },
      { employee_no: "H26002", nationality: "US", position: "Designer" },
    ]);
    const trail = await rows<{ action: string }>(
      h,
      sql`SELECT action FROM audit_log WHERE action IN ('person.import', 'participants.apply') ORDER BY id`,
    );
    expect(trail.map((t) => t.action)).toEqual(["person.import", "participants.apply"]);
    const again = await applyParticipantsWithNewPeople(h.db, actor, planId, "first", list());
    expect(again).toMatchObject({ unchanged: true, peopleCreated: 0 });
  });
});
