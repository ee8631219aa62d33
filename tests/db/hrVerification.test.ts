import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { participantListVersions, plans, publicityPeriods, users, verificationRecords } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { changeGeneralMeetingDate } from "@/lib/features/plans/generalMeetingDate";
import {
  isPlanVerified,
  listVerifications,
  markVerificationsStale,
  recordVerification,
  recordVerificationBody,
} from "@/lib/features/publicity/verification";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";
const RECORDED_ON = "2026-12-12";

describe.each(BACKENDS)("HR verification records on %s", (kind) => {
  let h: DatabaseHandle;
  let hr: Actor;
  let planId: string;
  let listV1: string;
  let plan2022: string;

  const auditCount = async () => (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
  const recordCount = async () =>
    (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM verification_records`))[0]!.n;
  // The 2026 plan: publicity 2026-11-18..2026-11-30, general meeting 2026-12-08, verified by the remuneration committee.
  const base = {
    body: "remuneration_committee" as const,
    members: "主任委员 张三",
    opinionDate: "2026-12-02",
    generalMeetingDate: "2026-12-08",
    opinion: "名单人员符合激励对象条件，主体资格合法、有效。",
  };

  const previousToday = process.env.VD_TODAY;
  beforeAll(async () => {
    // The day HR records these opinions: none of their dates may be later (VERIFICATION_IN_FUTURE).
    process.env.VD_TODAY = RECORDED_ON;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [u] = await h.db.select().from(users).where(eq(users.email, "hr@demo.local"));
    hr = { userId: u!.id, ip: null };
    const [p] = await h.db.select().from(plans).where(eq(plans.nameEn, "2026 Restricted Stock Incentive Plan"));
    planId = p!.id;
    const [v] = await h.db.select().from(participantListVersions).where(eq(participantListVersions.planId, planId));
    listV1 = v!.id;
    const [p22] = await h.db.select().from(plans).where(eq(plans.nameEn, "2022 Restricted Stock Incentive Plan"));
    plan2022 = p22!.id;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("refuses an opinion or disclosure dated after the day it is recorded, and writes nothing", async () => {
    const [audits, records] = [await auditCount(), await recordCount()];
    const e = await refusal(
      recordVerification(h.db, hr, planId, {
        ...base,
        opinionDate: "2026-12-13",
        disclosureDate: "2026-12-13",
        generalMeetingDate: "2026-12-20",
      }),
    );
    expect([e.status, e.code]).toEqual([422, "VERIFICATION_IN_FUTURE"]);
    expect(e.details).toMatchObject({ date: "2026-12-13", today: RECORDED_ON });
    expect([await auditCount(), await recordCount()]).toEqual([audits, records]);
  });

  it("refuses a disclosure on or before the publicity end with PUBLICITY_NOT_ENDED and writes nothing", async () => {
    const [audits, records] = [await auditCount(), await recordCount()];
    const e = await refusal(
      recordVerification(h.db, hr, planId, { ...base, opinionDate: "2026-11-30", disclosureDate: "2026-11-30" }),
    );
    expect([e.status, e.code]).toEqual([422, "PUBLICITY_NOT_ENDED"]);
    expect([await auditCount(), await recordCount()]).toEqual([audits, records]);
    const [p] = await h.db.select().from(plans).where(eq(plans.id, planId));
    expect(p!.status).toBe("publicity");
  });

  it("refuses PUBLICITY_NOT_ENDED when the list version was never publicised", async () => {
    const [v2] = await h.db
      .insert(participantListVersions)
      .values({ planId: plan2022, batch: "first", version: 2, contentHash: "test-2022-v2" })
      .returning();
    const e = await refusal(
      recordVerification(h.db, hr, plan2022, {
        ...base,
        body: "board_of_supervisors",
        listVersionId: v2!.id,
        disclosureDate: "2026-12-03",
      }),
    );
    expect([e.status, e.code]).toEqual([422, "PUBLICITY_NOT_ENDED"]);
    await h.db.delete(participantListVersions).where(eq(participantListVersions.id, v2!.id));
  });

  it("refuses VERIFICATION_TOO_LATE at 4 days before the meeting", async () => {
    const audits = await auditCount();
    const e = await refusal(recordVerification(h.db, hr, planId, { ...base, disclosureDate: "2026-12-04" }));
    expect([e.status, e.code]).toEqual([422, "VERIFICATION_TOO_LATE"]);
    expect(e.details).toMatchObject({ days: 4, required: 5 });
    expect(await auditCount()).toBe(audits);
  });

  it("refuses the wrong verifying body with WRONG_VERIFYING_BODY", async () => {
    const e = await refusal(
      recordVerification(h.db, hr, planId, { ...base, body: "board_of_supervisors", disclosureDate: "2026-12-03" }),
    );
    expect([e.status, e.code]).toEqual([422, "WRONG_VERIFYING_BODY"]);
    expect(e.details).toEqual({ expected: "remuneration_committee", given: "board_of_supervisors" });
  });

  it("rejects an attachment over 5 MB and an opinion dated after its disclosure at the schema", () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1).toString("base64");
    expect(
      recordVerificationBody.safeParse({
        ...base,
        disclosureDate: "2026-12-03",
        attachment: { name: "a.pdf", base64: big },
      }).success,
    ).toBe(false);
    const ok = Buffer.alloc(5 * 1024 * 1024).toString("base64");
    expect(
      recordVerificationBody.safeParse({
        ...base,
        disclosureDate: "2026-12-03",
        attachment: { name: "a.pdf", base64: ok },
      }).success,
    ).toBe(true);
    expect(
      recordVerificationBody.safeParse({ ...base, opinionDate: "2026-12-04", disclosureDate: "2026-12-03" }).success,
    ).toBe(false);
  });

  const planRow = async (id: string) => (await h.db.select().from(plans).where(eq(plans.id, id)))[0]!;

  it("refuses a verification naming another meeting than the plan's (both dates named) and writes nothing", async () => {
    const [audits, records] = [await auditCount(), await recordCount()];
    const e = await refusal(
      recordVerification(h.db, hr, planId, { ...base, generalMeetingDate: "2026-12-09", disclosureDate: "2026-12-04" }),
    );
    expect([e.status, e.code]).toEqual([422, "GENERAL_MEETING_DATE_MISMATCH"]);
    expect(e.details).toMatchObject({ given: "2026-12-09", generalMeetingDate: "2026-12-08" });
    expect(e.message).toContain("2026-12-09");
    expect(e.message).toContain("2026-12-08");
    expect(e.message).toContain("explicitly");
    expect([await auditCount(), await recordCount()]).toEqual([audits, records]);
    expect((await planRow(planId)).generalMeetingDate).toBe("2026-12-08");
  });

  it("changes the meeting date only explicitly: refused unchanged or once granted (writing nothing), else audited with the reason", async () => {
    const audits = await auditCount();
    const same = await refusal(
      changeGeneralMeetingDate(h.db, hr, planId, { generalMeetingDate: "2026-12-08", reason: "same" }),
    );
    expect([same.status, same.code]).toEqual([422, "GENERAL_MEETING_DATE_UNCHANGED"]);
    // The 2022 plan's grants were checked against its meeting of 2022-11-28 (first grant 2022-12-05).
    const locked = await refusal(
      changeGeneralMeetingDate(h.db, hr, plan2022, { generalMeetingDate: "2022-11-30", reason: "typo" }),
    );
    expect([locked.status, locked.code]).toEqual([422, "GENERAL_MEETING_DATE_LOCKED"]);
    expect(locked.details).toMatchObject({
      generalMeetingDate: "2022-11-28",
      requested: "2022-11-30",
      grantDate: "2022-12-05",
    });
    expect(await auditCount()).toBe(audits);
    expect((await planRow(plan2022)).generalMeetingDate).toBe("2022-11-28");

    const moved = await changeGeneralMeetingDate(h.db, hr, planId, {
      generalMeetingDate: "2026-12-09",
      reason: "股东会延期一日 / meeting postponed by a day",
    });
    expect(moved.generalMeetingDate).toBe("2026-12-09");
    const [last] = await rows<{ action: string; entity_id: string; before: unknown; after: unknown }>(
      h,
      sql`SELECT action, entity_id, before, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(last).toEqual({
      action: "plan.general_meeting_date",
      entity_id: planId,
      before: { generalMeetingDate: "2026-12-08" },
      after: { generalMeetingDate: "2026-12-09", reason: "股东会延期一日 / meeting postponed by a day" },
    });
    expect(await auditCount()).toBe(audits + 1);
  });

  it("accepts a disclosure 5 days before the meeting: plan verified, meeting date set, attachment stored, audited", async () => {
    const audits = await auditCount();
    const pdf = Buffer.from("%PDF-1.4 核查意见");
    const rec = await recordVerification(h.db, hr, planId, {
      ...base,
      generalMeetingDate: "2026-12-09",
      disclosureDate: "2026-12-04",
      attachment: { name: "核查意见.pdf", base64: pdf.toString("base64") },
    });
    expect(rec).toMatchObject({
      planId,
      listVersionId: listV1,
      listVersion: 1,
      body: "remuneration_committee",
      disclosureDate: "2026-12-04",
      attachmentName: "核查意见.pdf",
      stale: false,
    });
    expect(rec).not.toHaveProperty("attachment");
    const [row] = await h.db.select().from(verificationRecords).where(eq(verificationRecords.id, rec.id));
    expect(Buffer.from(row!.attachment!).equals(pdf)).toBe(true);
    const [p] = await h.db.select().from(plans).where(eq(plans.id, planId));
    expect([p!.status, p!.generalMeetingDate]).toEqual(["verified", "2026-12-09"]);
    expect(await auditCount()).toBe(audits + 2);
    const [last] = await rows<{ action: string; before: { status: string }; after: { status: string } }>(
      h,
      sql`SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(last).toMatchObject({
      action: "plan.verified",
      before: { status: "publicity" },
      after: { status: "verified" },
    });
    expect(await isPlanVerified(h.db, planId)).toBe(true);
    const list = await listVerifications(h.db, planId);
    expect(list.map((r) => [r.id, r.stale, r.attachmentName])).toEqual([[rec.id, false, "核查意见.pdf"]]);
  });

  it("refuses moving the meeting closer than 5 days after the opinion in force was disclosed, writing nothing", async () => {
    const audits = await auditCount();
    const e = await refusal(
      changeGeneralMeetingDate(h.db, hr, planId, { generalMeetingDate: "2026-12-08", reason: "earlier" }),
    );
    expect([e.status, e.code]).toEqual([422, "VERIFICATION_TOO_LATE"]);
    expect(e.details).toMatchObject({ disclosureDate: "2026-12-04", generalMeetingDate: "2026-12-08", days: 4 });
    expect(await auditCount()).toBe(audits);
    expect((await planRow(planId)).generalMeetingDate).toBe("2026-12-09");
  });

  it("marks verifications on an older list version stale, and a new verification of the new version clears isPlanVerified", async () => {
    const [v2] = await h.db
      .insert(participantListVersions)
      .values({ planId, batch: "first", version: 2, contentHash: "test-2026-v2" })
      .returning();
    const audits = await auditCount();
    expect(await markVerificationsStale(h.db, planId, v2!.id)).toBe(1);
    expect(await auditCount()).toBe(audits + 1);
    expect((await listVerifications(h.db, planId)).map((r) => r.stale)).toEqual([true]);
    expect(await isPlanVerified(h.db, planId)).toBe(false);
    // Marking again changes nothing, and other plans' verifications stay fresh.
    expect(await markVerificationsStale(h.db, planId, v2!.id)).toBe(0);
    expect(await isPlanVerified(h.db, plan2022)).toBe(true);

    // The new version must be publicised before it can be verified.
    const early = await refusal(recordVerification(h.db, hr, planId, { ...base, disclosureDate: "2026-12-03" }));
    expect(early.code).toBe("PUBLICITY_NOT_ENDED");
    await h.db
      .insert(publicityPeriods)
      .values({ planId, listVersionId: v2!.id, startDate: "2026-12-01", endDate: "2026-12-10", status: "closed" });
    // The meeting moves to make room for the new publicity: explicitly first (the opinion in force is stale now).
    await changeGeneralMeetingDate(h.db, hr, planId, { generalMeetingDate: "2026-12-16", reason: "new list version" });
    const rec = await recordVerification(h.db, hr, planId, {
      ...base,
      opinionDate: "2026-12-11",
      disclosureDate: "2026-12-11",
      generalMeetingDate: "2026-12-16",
    });
    expect(rec).toMatchObject({ listVersionId: v2!.id, listVersion: 2, stale: false, attachmentName: null });
    expect(await isPlanVerified(h.db, planId)).toBe(true);
    const [p] = await h.db.select().from(plans).where(eq(plans.id, planId));
    expect([p!.status, p!.generalMeetingDate]).toEqual(["verified", "2026-12-16"]);
  });

  it("records a verification of an outdated version as stale from the start; it fills an unset meeting date, audited", async () => {
    const [v1period] = await h.db.select().from(publicityPeriods).where(eq(publicityPeriods.listVersionId, listV1));
    expect(v1period).toBeDefined();
    // A plan whose meeting date was never set: the opinion's date fills it (test set-up writes the column directly).
    await h.db.update(plans).set({ generalMeetingDate: null }).where(eq(plans.id, planId));
    const rec = await recordVerification(h.db, hr, planId, {
      ...base,
      generalMeetingDate: "2026-12-17",
      listVersionId: listV1,
      disclosureDate: "2026-12-03",
    });
    expect(rec.stale).toBe(true);
    expect(await isPlanVerified(h.db, planId)).toBe(false);
    expect((await planRow(planId)).generalMeetingDate).toBe("2026-12-17");
    const [last] = await rows<{ action: string; before: unknown; after: unknown }>(
      h,
      sql`SELECT action, before, after FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(last).toMatchObject({
      action: "plan.verified",
      before: { generalMeetingDate: null },
      after: { generalMeetingDate: "2026-12-17" },
    });
  });
});
