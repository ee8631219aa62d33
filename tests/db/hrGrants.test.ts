import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import {
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
import { ApiError } from "@/lib/platform/errors/apiError";
import { grantAwards, reserveStatus } from "@/lib/features/grants/commands";
import { type GrantAwardsInput } from "@/lib/features/grants/schemas";
import type { Actor } from "@/lib/auth/actor";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";
import { verifiedReservedList } from "./support/reservedList";
import { applyParticipants, rowsFromJson } from "@/lib/features/participants/participantImport";
import { closePublicityPeriod, openPublicityPeriod } from "@/lib/features/publicity/commands";
import { recordVerification } from "@/lib/features/publicity/verification";

const AS_OF = "2026-11-21";
const CAP = 4_610_000; // 1 % of 461,000,000

/** The ApiError a refused call throws (fails the test when the call succeeds). */

describe.each(BACKENDS)("HR grants on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let plan2022: string;
  let plan2026: string;
  let category2026: string;
  let category2022: string;
  let listed: { employeeNo: string; categoryId: string; quantity: number }[];
  const previousToday = process.env.VD_TODAY;

  const counts = async () =>
    (
      await rows<{ batches: number; grants: number; audit: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM grant_batches) AS batches, (SELECT count(*)::int FROM grants) AS grants, (SELECT count(*)::int FROM audit_log) AS audit`,
      )
    )[0]!;
  // What counts toward the 1 % cap (lib/domain/caps/capHoldings.ts): adjusted quantities net of voided tranches.
  const heldInValidPlans = async (employeeNo: string) =>
    Number(
      (
        await rows<{ q: string }>(
          h,
          sql`SELECT coalesce(sum(g.adjusted_quantity - coalesce((SELECT sum(t.lapsed_quantity) FROM tranches t WHERE t.grant_id = g.id), 0)), 0)::text AS q FROM grants g JOIN persons p ON p.id = g.person_id JOIN plans pl ON pl.id = g.plan_id WHERE p.employee_no = ${employeeNo} AND pl.name_en NOT LIKE '2021%'`,
        )
      )[0]!.q,
    );

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.1.1.1" };
    const all = await h.db.select({ id: plans.id, nameEn: plans.nameEn }).from(plans);
    plan2022 = all.find((p) => p.nameEn.startsWith("2022"))!.id;
    plan2026 = all.find((p) => p.nameEn.startsWith("2026"))!.id;
    category2026 = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(eq(participantCategories.planId, plan2026))
    )[0]!.id;
    category2022 = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(and(eq(participantCategories.planId, plan2022), eq(participantCategories.code, 1)))
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
    // The 2026 plan is still in publicity in the demo: the general meeting approved it, as far as these tests go.
    await h.db.update(plans).set({ status: "approved_by_general_meeting" }).where(eq(plans.id, plan2026));
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  const firstGrant = (items: GrantAwardsInput["items"]): GrantAwardsInput => ({
    batch: "first",
    grantDate: "2026-12-09",
    grantPrice: "20.00",
    boardResolutionDate: "2026-12-09",
    items,
  });

  it("refuses a first grant before the list is verified, then one off the list or above it, writing nothing", async () => {
    const before = await counts();
    expect((await refusal(grantAwards(h.db, actor, plan2026, firstGrant(listed.slice(0, 2))))).code).toBe(
      "NOT_VERIFIED",
    );
    const [version] = await h.db
      .select({ id: participantListVersions.id })
      .from(participantListVersions)
      .where(eq(participantListVersions.planId, plan2026));
    // The publicity ended and was closed; the committee's opinion was disclosed before the meeting.
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
    const off = await refusal(
      grantAwards(
        h.db,
        actor,
        plan2026,
        firstGrant([listed[0]!, { employeeNo: "E00001", categoryId: category2026, quantity: 100 }]),
      ),
    );
    expect(off.status).toBe(422);
    expect(off.code).toBe("NOT_ON_LIST");
    expect(off.details).toMatchObject({ items: [{ employeeNo: "E00001", reason: "not_listed" }] });
    const above = await refusal(
      grantAwards(h.db, actor, plan2026, firstGrant([{ ...listed[1]!, quantity: listed[1]!.quantity + 1 }])),
    );
    expect(above.code).toBe("QUANTITY_ABOVE_LIST");
    expect(await counts()).toEqual(before);
  });

  it("refuses a first grant out of the procedure's order, naming the dates, and writes nothing", async () => {
    const before = await counts();
    const items = listed.slice(0, 2);
    const violations = async (input: GrantAwardsInput) => {
      const e = await refusal(grantAwards(h.db, actor, plan2026, input));
      expect(e.status).toBe(422);
      return (e.details as { violations: { code: string; details: Record<string, unknown> }[] }).violations;
    };
    // The general meeting's approval is a step of its own: a verified plan cannot be granted yet.
    await h.db.update(plans).set({ status: "verified" }).where(eq(plans.id, plan2026));
    const status = await refusal(grantAwards(h.db, actor, plan2026, firstGrant(items)));
    expect(status).toMatchObject({ code: "PLAN_STATUS", details: { allowed: ["approved_by_general_meeting"] } });
    await h.db.update(plans).set({ status: "approved_by_general_meeting" }).where(eq(plans.id, plan2026));
    // Before the meeting of 2026-12-08, and before its own board resolution.
    expect(
      await violations({ ...firstGrant(items), grantDate: "2026-12-06", boardResolutionDate: "2026-12-07" }),
    ).toEqual([
      expect.objectContaining({
        code: "GRANT_BEFORE_GENERAL_MEETING",
        details: expect.objectContaining({ earliest: "2026-12-08" }),
      }),
      expect.objectContaining({ code: "GRANT_BEFORE_BOARD_RESOLUTION" }),
      expect.objectContaining({
        code: "GRANT_BEFORE_GENERAL_MEETING",
        details: expect.objectContaining({ boardResolutionDate: "2026-12-07" }),
      }),
    ]);
    // More than 60 days after the meeting.
    expect(
      await violations({ ...firstGrant(items), grantDate: "2027-02-08", boardResolutionDate: "2027-02-08" }),
    ).toEqual([
      expect.objectContaining({
        code: "FIRST_GRANT_TOO_LATE",
        details: expect.objectContaining({ deadline: "2027-02-06" }),
      }),
    ]);
    // While the publicity is still open.
    await h.db.update(publicityPeriods).set({ status: "open" }).where(eq(publicityPeriods.planId, plan2026));
    expect((await violations(firstGrant(items))).map((v) => v.code)).toEqual(["PUBLICITY_NOT_CLOSED"]);
    await h.db.update(publicityPeriods).set({ status: "closed" }).where(eq(publicityPeriods.planId, plan2026));
    expect(await counts()).toEqual(before);
  });

  it("grants the first batch: tranches from the engine summing to each grant, an audit row, the plan granted, and only once", async () => {
    const items = listed.slice(0, 5);
    const result = await grantAwards(h.db, actor, plan2026, firstGrant(items));
    expect(result.grants.map((g) => [g.employeeNo, g.quantity])).toEqual(items.map((i) => [i.employeeNo, i.quantity]));
    const tranches = await rows<{ grant_id: string; n: number; total: string; quantity: string }>(
      h,
      sql`SELECT t.grant_id, count(*)::int AS n, sum(t.planned_quantity)::text AS total, g.quantity::text AS quantity FROM tranches t JOIN grants g ON g.id = t.grant_id WHERE g.batch_id = ${result.batchId} GROUP BY t.grant_id, g.quantity`,
    );
    expect(tranches).toHaveLength(5);
    for (const t of tranches) expect([t.n, t.total]).toEqual([3, t.quantity]);
    const grantRows = await rows<{ accepted_at: string | null; adjusted_price: string }>(
      h,
      sql`SELECT accepted_at, adjusted_price::text FROM grants WHERE batch_id = ${result.batchId}`,
    );
    expect(grantRows.every((g) => g.accepted_at === null && g.adjusted_price === "20.00")).toBe(true);
    const audit = await rows<{
      action: string;
      actor_user_id: string;
      after: { items: unknown[]; planStatus: string };
    }>(
      h,
      sql`SELECT action, actor_user_id, after FROM audit_log WHERE entity_type = 'grant_batch' AND entity_id = ${result.batchId}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "grant.create",
      actor_user_id: actor.userId,
      after: { planStatus: "granted" },
    });
    expect(audit[0]!.after.items).toHaveLength(5);
    const [plan] = await h.db.select({ status: plans.status }).from(plans).where(eq(plans.id, plan2026));
    expect(plan!.status).toBe("granted");

    const again = await refusal(grantAwards(h.db, actor, plan2026, firstGrant(listed.slice(5, 6))));
    expect([again.status, again.code]).toEqual([409, "FIRST_GRANT_EXISTS"]);
  });

  it("refuses a reserved grant after the 12-month deadline with RESERVE_DEADLINE_PASSED and writes nothing", async () => {
    const before = await counts();
    const e = await refusal(
      grantAwards(h.db, actor, plan2022, {
        batch: "reserved",
        grantDate: AS_OF,
        grantPrice: "39.58",
        items: [{ employeeNo: "E00270", categoryId: category2022, quantity: 1000 }],
      }),
    );
    expect([e.status, e.code]).toEqual([422, "RESERVE_DEADLINE_PASSED"]);
    expect(e.details).toMatchObject({ deadline: "2023-11-28", grantDate: AS_OF });
    expect(await counts()).toEqual(before);
    expect(await reserveStatus(h.db, plan2022)).toEqual({
      reservedQuantity: 200_000,
      granted: 150_000,
      remaining: 0,
      deadline: "2023-11-28",
      lapsed: true,
      lapsedQuantity: 50_000,
    });
  });

  it("refuses a grant price below par", async () => {
    await verifiedReservedList(h.db, plan2026, "2027-01-11", [
      { employeeNo: "E00270", categoryId: category2026, quantity: 1000 },
    ]);
    const e = await refusal(
      grantAwards(h.db, actor, plan2026, {
        batch: "reserved",
        grantDate: "2027-01-11",
        grantPrice: "0.99",
        items: [{ employeeNo: "E00270", categoryId: category2026, quantity: 1000 }],
      }),
    );
    expect(e.code).toBe("PRICE_BELOW_PAR");
    expect(e.details).toMatchObject({ grantPrice: "0.99", parValue: "1.0000" });
  });

  it("refuses a grant pushing one person over 1 % of 461,000,000 with limit, existing and requested", async () => {
    // A larger 2026 plan so that only the person cap can bind (reserve 20 % of the plan).
    await h.db
      .update(plans)
      .set({ totalQuantity: 30_000_000, firstGrantQuantity: 24_000_000, reservedQuantity: 6_000_000 })
      .where(eq(plans.id, plan2026));
    const existing = await heldInValidPlans("E00110");
    expect(existing).toBeGreaterThan(0); // the 2022 grant counts; the 2021 plan's validity ended on 2026-06-01
    const requested = CAP - existing + 1;
    // Listed above the cap (written as set-up): the grant's cap check, not the list's, is what refuses it.
    await verifiedReservedList(h.db, plan2026, "2027-01-11", [
      { employeeNo: "E00110", categoryId: category2026, quantity: requested },
    ]);
    const before = await counts();
    const e = await refusal(
      grantAwards(h.db, actor, plan2026, {
        batch: "reserved",
        grantDate: "2027-01-11",
        grantPrice: "20.00",
        items: [{ employeeNo: "E00110", categoryId: category2026, quantity: requested }],
      }),
    );
    expect([e.status, e.code]).toEqual([422, "CAP_PERSON_EXCEEDED"]);
    expect(e.details).toMatchObject({
      limit: CAP,
      existing,
      requested,
      total: CAP + 1,
      excess: 1,
      employeeNo: "E00110",
    });
    expect(await counts()).toEqual(before);
    // Exactly up to the cap is allowed.
    await grantAwards(h.db, actor, plan2026, {
      batch: "reserved",
      grantDate: "2027-01-11",
      grantPrice: "20.00",
      items: [{ employeeNo: "E00110", categoryId: category2026, quantity: requested - 1 }],
    });
    expect(await heldInValidPlans("E00110")).toBe(CAP);
    const status = await reserveStatus(h.db, plan2026);
    expect(status).toMatchObject({
      reservedQuantity: 6_000_000,
      granted: requested - 1,
      remaining: 6_000_000 - (requested - 1),
      deadline: "2027-12-08",
      lapsed: false,
      lapsedQuantity: 0,
    });
  });

  it("lets 20 concurrent grants together commit only up to the 1 % cap", async () => {
    // PostgreSQL: a second pool of 20 connections to the same database, so the requests really run in parallel.
    let pool: DatabaseHandle | null = null;
    if (kind === "postgres") {
      const [{ name }] = (await rows<{ name: string }>(h, sql`SELECT current_database() AS name`)) as [
        { name: string },
      ];
      const url = new URL(process.env.VD_TEST_PG_URL!);
      url.pathname = `/${name}`;
      pool = openDatabase({ url: url.toString(), poolSize: 20 });
    }
    try {
      // A reserve large enough (10M, 20 % of 50M) that only the person cap can stop the requests.
      await h.db
        .update(plans)
        .set({ totalQuantity: 50_000_000, firstGrantQuantity: 40_000_000, reservedQuantity: 10_000_000 })
        .where(eq(plans.id, plan2026));
      const target = pool?.db ?? h.db;
      const existing = await heldInValidPlans("E00120");
      const each = 300_000;
      const allowed = Math.floor((CAP - existing) / each);
      expect(allowed).toBeLessThan(20);
      await verifiedReservedList(h.db, plan2026, "2027-02-01", [
        { employeeNo: "E00120", categoryId: category2026, quantity: each },
      ]);
      const before = await counts();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          grantAwards(target, actor, plan2026, {
            batch: "reserved",
            grantDate: "2027-02-01",
            grantPrice: "20.00",
            items: [{ employeeNo: "E00120", categoryId: category2026, quantity: each }],
          }),
        ),
      );
      const ok = results.filter((r) => r.status === "fulfilled");
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(ok).toHaveLength(allowed);
      expect(refused.map((e) => (e instanceof ApiError ? e.code : String(e)))).toEqual(
        Array(20 - allowed).fill("CAP_PERSON_EXCEEDED"),
      );
      expect(await heldInValidPlans("E00120")).toBe(existing + allowed * each);
      expect(await heldInValidPlans("E00120")).toBeLessThanOrEqual(CAP);
      const after = await counts();
      expect(after.batches - before.batches).toBe(allowed);
      expect(after.audit - before.audit).toBe(allowed);
    } finally {
      await pool?.close();
    }
  });
  it("grants a reserved batch only from its own verified list: verified, fresh, and only those listed", async () => {
    const nameOf = async (no: string) =>
      (await rows<{ name: string }>(h, sql`SELECT name FROM persons WHERE employee_no = ${no}`))[0]!.name;
    const row = async (employeeNo: string, quantity: number) => ({
      employeeNo,
      name: await nameOf(employeeNo),
      nationality: "中国",
      position: "核心骨干",
      categoryId: 1,
      quantity,
    });
    const reserved = (employeeNo: string, quantity = 2000): GrantAwardsInput => ({
      batch: "reserved",
      grantDate: "2027-03-01",
      grantPrice: "20.00",
      boardResolutionDate: "2027-03-01",
      items: [{ employeeNo, categoryId: category2026, quantity }],
    });
    // The list HR imports, publicises and has verified after the meeting (here before it: the clock is pinned).
    const list = await applyParticipants(
      h.db,
      actor,
      plan2026,
      "reserved",
      rowsFromJson([await row("E00275", 2000), await row("E00276", 3000)]),
      "预留授予名单.csv",
    );
    // The set-up lists of the tests above were verified; this newer version is not yet.
    const unverified = await refusal(grantAwards(h.db, actor, plan2026, reserved("E00275")));
    expect([unverified.code, unverified.details]).toEqual(["VERIFICATION_STALE", expect.anything()]);
    const period = await openPublicityPeriod(h.db, actor, plan2026, {
      listVersionId: list.versionId,
      startDate: "2026-11-01",
      endDate: "2026-11-10",
    });
    await closePublicityPeriod(h.db, actor, period.id, { summary: "公示期内未收到异议。" });
    const [planBefore] = await h.db.select({ status: plans.status }).from(plans).where(eq(plans.id, plan2026));
    // Disclosed less than 5 days before the meeting: a reserved list is not held to that lead.
    const opinion = await recordVerification(h.db, actor, plan2026, {
      body: "remuneration_committee",
      opinionDate: "2026-11-12",
      disclosureDate: "2026-11-12",
      generalMeetingDate: "2026-12-08",
      opinion: "预留授予激励对象均符合条件。",
      listVersionId: list.versionId,
    });
    expect(opinion).toMatchObject({ listVersionId: list.versionId, stale: false });
    const [planAfter] = await h.db.select({ status: plans.status }).from(plans).where(eq(plans.id, plan2026));
    expect(planAfter!.status).toBe(planBefore!.status);

    const before = await counts();
    const off = await refusal(grantAwards(h.db, actor, plan2026, reserved("E00110", 1000)));
    expect(off).toMatchObject({ code: "NOT_ON_LIST", details: { listVersionId: list.versionId } });
    const above = await refusal(grantAwards(h.db, actor, plan2026, reserved("E00275", 2001)));
    expect(above).toMatchObject({ code: "QUANTITY_ABOVE_LIST", details: { items: [{ listed: 2000 }] } });
    expect(await counts()).toEqual(before);

    const granted = await grantAwards(h.db, actor, plan2026, reserved("E00275"));
    const [batch] = await rows<{ list_version_id: string }>(
      h,
      sql`SELECT list_version_id FROM grant_batches WHERE id = ${granted.batchId}`,
    );
    expect(batch!.list_version_id).toBe(list.versionId);
    // A list changed after its verification needs a new one before the next reserved grant.
    await applyParticipants(h.db, actor, plan2026, "reserved", rowsFromJson([await row("E00276", 3000)]));
    const stale = await refusal(grantAwards(h.db, actor, plan2026, reserved("E00276", 3000)));
    expect(stale.code).toBe("VERIFICATION_STALE");
  });

  it("refuses a reserved grant of a plan whose reserved list was never verified with NOT_VERIFIED", async () => {
    // The 2022 plan's meeting was 2022-11-28; move it so the reserve is open, and remove its reserved verification.
    const [plan2022Row] = await h.db.select().from(plans).where(eq(plans.id, plan2022));
    await h.db.update(plans).set({ generalMeetingDate: "2026-10-20" }).where(eq(plans.id, plan2022));
    await h.db.execute(
      sql`DELETE FROM verification_records WHERE list_version_id IN (SELECT id FROM participant_list_versions WHERE plan_id = ${plan2022} AND batch = 'reserved')`,
    );
    try {
      const e = await refusal(
        grantAwards(h.db, actor, plan2022, {
          batch: "reserved",
          grantDate: AS_OF,
          grantPrice: "39.58",
          items: [{ employeeNo: "E00270", categoryId: category2022, quantity: 1000 }],
        }),
      );
      expect([e.status, e.code, e.details]).toEqual([422, "NOT_VERIFIED", { batch: "reserved" }]);
    } finally {
      await h.db
        .update(plans)
        .set({ generalMeetingDate: plan2022Row!.generalMeetingDate })
        .where(eq(plans.id, plan2022));
    }
  });
});
