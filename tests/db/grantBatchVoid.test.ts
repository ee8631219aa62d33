import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import {
  grantBatches,
  participantCategories,
  participantListEntries,
  participantListVersions,
  persons,
  plans,
  publicityPeriods,
  users,
  verificationRecords,
} from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { grantAwards, reserveStatus } from "@/lib/features/grants/commands";
import type { GrantAwardsInput } from "@/lib/features/grants/schemas";
import { voidBatchBody, voidGrantBatch } from "@/lib/features/grants/batchVoid";
import { batchesOf } from "@/lib/features/grants/planGrantsReads";
import { loadCapInputs } from "@/lib/features/plans/capInputs";
import { grantRegisterPages } from "@/lib/features/registers/grantRegisterQuery";
import { grantRegisterCells } from "@/lib/features/registers/grantRegisterTable";
import { vestingRegisterPages } from "@/lib/features/registers/vestingRegisterQuery";
import { vestingRegisterCells } from "@/lib/features/registers/vestingRegisterTable";
import { loadRegisterContext } from "@/lib/features/registers/registerContext";
import { previewVestingRun } from "@/lib/features/vesting/vestingRun";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";
import { verifiedReservedList } from "./support/reservedList";

const AS_OF = "2026-11-21";

describe.each(BACKENDS)("voiding a grant batch on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let plan2022: string;
  let plan2026: string;
  let issuerId: string;
  let category2026: string;
  let listed: { employeeNo: string; categoryId: string; quantity: number }[];
  let firstBatch: string;
  const previousToday = process.env.VD_TODAY;

  /** Everything a refused void must leave as it was. */
  const state = async () =>
    (
      await rows<{ voids: number; audit: number; notices: number; statuses: string; tranches: string }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM grant_batch_voids) AS voids, (SELECT count(*)::int FROM audit_log) AS audit,
                   (SELECT count(*)::int FROM notifications) AS notices,
                   (SELECT string_agg(id::text || ':' || status::text, ',' ORDER BY id) FROM plans) AS statuses,
                   (SELECT md5(string_agg(t.id::text || t.status::text || t.vested_quantity || '/' || t.lapsed_quantity || coalesce(t.lapse_reason, ''), ',' ORDER BY t.id)) FROM tranches t) AS tranches`,
      )
    )[0]!;
  const planStatus = async (planId: string) =>
    (await h.db.select({ status: plans.status }).from(plans).where(eq(plans.id, planId)))[0]!.status;
  const firstGrant = (items: GrantAwardsInput["items"]): GrantAwardsInput => ({
    batch: "first",
    grantDate: "2026-12-09",
    grantPrice: "20.00",
    boardResolutionDate: "2026-12-09",
    items,
  });

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.1.1.2" };
    const all = await h.db.select({ id: plans.id, nameEn: plans.nameEn, issuerId: plans.issuerId }).from(plans);
    plan2022 = all.find((p) => p.nameEn.startsWith("2022"))!.id;
    const p2026 = all.find((p) => p.nameEn.startsWith("2026"))!;
    plan2026 = p2026.id;
    issuerId = p2026.issuerId;
    category2026 = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(eq(participantCategories.planId, plan2026))
    )[0]!.id;
    listed = await h.db
      .select({
        employeeNo: persons.employeeNo,
        categoryId: participantListEntries.categoryId,
        quantity: participantListEntries.quantity,
      })
      .from(participantListEntries)
      .innerJoin(participantListVersions, eq(participantListEntries.listVersionId, participantListVersions.id))
      .innerJoin(persons, eq(participantListEntries.personId, persons.id))
      .where(eq(participantListVersions.planId, plan2026))
      .orderBy(persons.employeeNo);
    // As in hrGrants.test.ts: the 2026 plan's publicity closed, its list verified, the meeting approved it.
    const [version] = await h.db
      .select({ id: participantListVersions.id })
      .from(participantListVersions)
      .where(eq(participantListVersions.planId, plan2026));
    const [period] = await h.db
      .update(publicityPeriods)
      .set({ status: "closed", closedAt: new Date("2026-11-30T18:00:00+08:00") })
      .where(eq(publicityPeriods.planId, plan2026))
      .returning({ id: publicityPeriods.id });
    await h.db.insert(verificationRecords).values({
      planId: plan2026,
      listVersionId: version!.id,
      publicityPeriodId: period!.id,
      body: "remuneration_committee",
      opinionDate: "2026-12-01",
      disclosureDate: "2026-12-01",
      generalMeetingDate: "2026-12-08",
      opinion: "名单符合条件。",
    });
    await h.db.update(plans).set({ status: "approved_by_general_meeting" }).where(eq(plans.id, plan2026));
    firstBatch = (await grantAwards(h.db, actor, plan2026, firstGrant(listed.slice(0, 5)))).batchId;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("requires a reason", () => {
    expect(voidBatchBody.safeParse({ reason: "  " }).success).toBe(false);
    expect(voidBatchBody.safeParse({}).success).toBe(false);
  });

  it("refuses a batch with a vested tranche with BATCH_HAS_VESTED_TRANCHES and the vested count, writing nothing", async () => {
    const [batch] = await h.db
      .select({ id: grantBatches.id })
      .from(grantBatches)
      .where(and(eq(grantBatches.planId, plan2022), eq(grantBatches.batch, "first")));
    const [vested] = await rows<{ n: number; shares: string }>(
      h,
      sql`SELECT count(*)::int AS n, sum(t.vested_quantity)::text AS shares FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.batch_id = ${batch!.id} AND t.status = 'vested'`,
    );
    expect(vested!.n).toBeGreaterThan(0);
    const before = await state();
    const e = await refusal(voidGrantBatch(h.db, actor, batch!.id, { reason: "wrong batch" }));
    expect([e.status, e.code]).toEqual([422, "BATCH_HAS_VESTED_TRANCHES"]);
    expect(e.details).toMatchObject({ vestedTranches: vested!.n, vestedShares: Number(vested!.shares) });
    expect(e.message).toContain(`${vested!.n} tranche(s)`);
    expect(await state()).toEqual(before);
  });

  it("voids the first grant: grants kept, tranches voided, caps and the first grant freed, audited, grantees told", async () => {
    expect(await planStatus(plan2026)).toBe("granted");
    const grantsBefore = await rows<{ id: string; quantity: string }>(
      h,
      sql`SELECT id, quantity::text FROM grants WHERE batch_id = ${firstBatch} ORDER BY id`,
    );
    const linkedUsers = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM grants g JOIN users u ON u.person_id = g.person_id WHERE g.batch_id = ${firstBatch} AND NOT u.disabled`,
    );
    const record = await voidGrantBatch(
      h.db,
      actor,
      firstBatch,
      voidBatchBody.parse({ reason: "  Granted on the wrong date  " }),
    );
    expect(record).toMatchObject({
      batchId: firstBatch,
      planId: plan2026,
      batch: "first",
      reason: "Granted on the wrong date",
      voidedBy: actor.userId,
      planStatus: "approved_by_general_meeting",
      grants: 5,
    });
    // Nothing deleted: the batch and its grants stay.
    expect(
      await rows<{ id: string; quantity: string }>(
        h,
        sql`SELECT id, quantity::text FROM grants WHERE batch_id = ${firstBatch} ORDER BY id`,
      ),
    ).toEqual(grantsBefore);
    const tranches = await rows<{
      status: string;
      lapse_reason: string;
      vested: string;
      lapsed: string;
      planned: string;
    }>(
      h,
      sql`SELECT t.status::text, t.lapse_reason, t.vested_quantity::text AS vested, t.lapsed_quantity::text AS lapsed, t.planned_quantity::text AS planned
          FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.batch_id = ${firstBatch}`,
    );
    expect(tranches).toHaveLength(15);
    for (const t of tranches)
      expect(t).toMatchObject({ status: "lapsed", lapse_reason: "voided", vested: "0", lapsed: t.planned });
    expect(await planStatus(plan2026)).toBe("approved_by_general_meeting");

    const audit = await rows<{ action: string; actor_user_id: string; after: { reason: string; planStatus: string } }>(
      h,
      sql`SELECT action, actor_user_id, after FROM audit_log WHERE entity_type = 'grant_batch' AND entity_id = ${firstBatch} AND action = 'grant_batch.void'`,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actor_user_id: actor.userId,
        after: expect.objectContaining({
          reason: "Granted on the wrong date",
          planStatus: "approved_by_general_meeting",
        }),
      }),
    ]);
    const [notices] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'grant_voided'`,
    );
    expect(notices!.n).toBe(linkedUsers[0]!.n);

    // The caps no longer count the voided grants, and the HR page lists the batch as voided.
    const caps = await loadCapInputs(
      h.db,
      issuerId,
      (await rows<{ person_id: string }>(h, sql`SELECT person_id FROM grants WHERE batch_id = ${firstBatch}`)).map(
        (r) => r.person_id,
      ),
    );
    expect(caps.batchTotals.filter((b) => b.planId === plan2026)).toEqual([]);
    expect(caps.holdings.filter((x) => x.planId === plan2026 && x.source === "granted")).toEqual([]);
    expect(caps.plans.find((p) => p.id === plan2026)!.firstGrantDate).toBeNull();
    const [listedBatch] = await batchesOf(h.db, plan2026);
    expect(listedBatch).toMatchObject({ id: firstBatch, vestedTranches: 0, void: { id: record.id } });

    // Nothing can be vested under it.
    const e = await refusal(
      previewVestingRun(h.db, plan2026, {
        batch: firstBatch,
        categoryId: category2026,
        trancheIndex: 1,
        vestingDate: "2027-12-10",
        companyRatio: "1",
        fiscalYear: 2027,
        grades: [],
      }),
    );
    expect([e.status, e.code]).toEqual([409, "BATCH_VOIDED"]);
  });

  it("shows the voided grants as voided in the grant and vesting registers", async () => {
    const grantRows = [];
    for await (const page of grantRegisterPages(h.db, plan2026)) grantRows.push(...page);
    const voided = grantRows.filter((r) => r.grantDate === "2026-12-09");
    expect(voided).toHaveLength(5);
    for (const r of voided) {
      expect(r).toMatchObject({ grantStatus: "voided", vested: 0, unvested: 0 });
      expect(JSON.stringify(grantRegisterCells(r, 3, ""))).toContain("授予已作废 voided");
    }
    const ctx = await loadRegisterContext(h.db, plan2026);
    const vestingRows = [];
    for await (const page of vestingRegisterPages(h.db, plan2026)) vestingRows.push(...page);
    const ofBatch = vestingRows.filter((r) => r.grantDate === "2026-12-09");
    expect(ofBatch).toHaveLength(15);
    const [voidDay] = await rows<{ d: string }>(
      h,
      sql`SELECT to_char(voided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d FROM grant_batch_voids WHERE batch_id = ${firstBatch}`,
    );
    for (const r of ofBatch) {
      expect(r).toMatchObject({ status: "lapsed", lapseReason: "voided", vested: 0, voidDate: voidDay!.d });
      const cells = JSON.stringify(vestingRegisterCells(r, ctx));
      expect(cells).toContain("授予批次作废 voided");
      expect(cells).toContain(voidDay!.d);
    }
  });

  it("refuses voiding twice with 409 BATCH_ALREADY_VOIDED and writes nothing", async () => {
    const before = await state();
    const e = await refusal(voidGrantBatch(h.db, actor, firstBatch, { reason: "again" }));
    expect([e.status, e.code]).toEqual([409, "BATCH_ALREADY_VOIDED"]);
    expect(await state()).toEqual(before);
  });

  it("lets the first grant be made again, and a voided reserved batch frees the reserve", async () => {
    const again = await grantAwards(h.db, actor, plan2026, firstGrant(listed.slice(0, 5)));
    expect(again.grants).toHaveLength(5);
    expect(await planStatus(plan2026)).toBe("granted");
    await verifiedReservedList(h.db, plan2026, "2027-01-11", [
      { employeeNo: "E00270", categoryId: category2026, quantity: 1000 },
    ]);
    const reserved = await grantAwards(h.db, actor, plan2026, {
      batch: "reserved",
      grantDate: "2027-01-11",
      grantPrice: "20.00",
      items: [{ employeeNo: "E00270", categoryId: category2026, quantity: 1000 }],
    });
    expect((await reserveStatus(h.db, plan2026)).granted).toBe(1000);
    const record = await voidGrantBatch(h.db, actor, reserved.batchId, { reason: "wrong person" });
    // A voided reserved batch leaves the plan granted: its first grant stands.
    expect(record.planStatus).toBe("granted");
    expect(await planStatus(plan2026)).toBe("granted");
    expect((await reserveStatus(h.db, plan2026)).granted).toBe(0);
    const caps = await loadCapInputs(h.db, issuerId, []);
    expect(caps.batchTotals.filter((b) => b.planId === plan2026)).toEqual([
      expect.objectContaining({ batch: "first", lapsedQuantity: 0 }),
    ]);
    expect(caps.plans.find((p) => p.id === plan2026)!.firstGrantDate).toBe("2026-12-09");
  });
});
