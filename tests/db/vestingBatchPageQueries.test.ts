/**
 * The HR vesting-batch pages' reads on the demo data, pinned to 2026-11-21: the periods a new batch may
 * cover (with their holders, window, live run and the batch that already holds them), the form's defaults
 * from the plan's last batch, and a batch's periods with whether their run is on the registration date —
 * each checked against the tables it comes from, and as it changes when HR records the run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { closingPrices, participantCategories, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { confirmVestingRun } from "@/lib/features/vesting/vestingRun";
import { listVestingRuns } from "@/lib/features/vesting/vestingRunReads";
import { createVestingBatch } from "@/lib/features/vesting-batches/createBatch";
import { confirmBatchConditions } from "@/lib/features/vesting-batches/confirmConditions";
import { batchPlanIndex, batchView, planBatchesView } from "@/lib/features/vesting-batches/pageQueries";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";
const LEAVER = "E00150"; // left on 2024-09-30: no grade
const REGISTRATION = "2026-06-01"; // tranche 3 of the 2022 plan's first grant: window 2025-12-05 … 2026-12-04
const NOWHERE = "6d2b79f5-0000-4000-8000-00000000abcd";

describe.each(BACKENDS)("vesting-batch page reads on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let plan2022: string;
  let issuerId: string;
  let firstBatch: string;
  let category1: string;
  let batchId: string;
  const previousToday = process.env.VD_TODAY;
  const key = (p: { grantBatchId: string; categoryId: string; trancheIndex: number }) =>
    `${p.grantBatchId}/${p.categoryId}/${p.trancheIndex}`;

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: null };
    const plan = (await h.db.select({ id: plans.id, nameEn: plans.nameEn, issuerId: plans.issuerId }).from(plans)).find(
      (p) => p.nameEn.startsWith("2022"),
    )!;
    plan2022 = plan.id;
    issuerId = plan.issuerId;
    category1 = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(and(eq(participantCategories.planId, plan2022), eq(participantCategories.code, 1)))
    )[0]!.id;
    firstBatch = (
      await rows<{ id: string }>(
        h,
        sql`SELECT id::text FROM grant_batches WHERE plan_id = ${plan2022} AND batch = 'first'`,
      )
    )[0]!.id;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("lists every plan once with no batch yet", async () => {
    const index = await batchPlanIndex(h.db);
    const [all] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM plans`);
    expect(index).toHaveLength(all!.n);
    expect(index.find((p) => p.id === plan2022)).toMatchObject({ batches: 0, underWay: 0 });
  });

  it("offers each held period of the plan with its holders, window and live run; none is taken yet", async () => {
    const view = (await planBatchesView(h.db, plan2022))!;
    expect(view).toMatchObject({ plan: { id: plan2022 }, batches: [], defaults: null, today: AS_OF });

    const expected = await rows<{
      grant_batch_id: string;
      category_id: string;
      tranche_index: number;
      people: number;
      planned: string;
      open: string | null;
      close: string | null;
    }>(
      h,
      sql`SELECT g.batch_id::text AS grant_batch_id, g.category_id::text AS category_id, t.tranche_index, count(DISTINCT g.person_id)::int AS people,
                 sum(t.planned_quantity)::text AS planned, min(t.window_open)::text AS open, max(t.window_close)::text AS close
            FROM tranches t JOIN grants g ON g.id = t.grant_id
           WHERE g.plan_id = ${plan2022}
             AND NOT EXISTS (SELECT 1 FROM grant_batch_voids v WHERE v.batch_id = g.batch_id)
           GROUP BY 1, 2, 3`,
    );
    expect(view.periods).toHaveLength(expected.length);
    for (const e of expected) {
      const p = view.periods.find((x) => key(x) === `${e.grant_batch_id}/${e.category_id}/${e.tranche_index}`)!;
      expect(p, `${e.grant_batch_id}/${e.tranche_index}`).toMatchObject({
        grantees: e.people,
        plannedShares: Number(e.planned),
        windowOpen: e.open,
        windowClose: e.close,
        takenBy: null,
      });
    }

    // Each live run shows on its period, a reversed one on none.
    const live = (await listVestingRuns(h.db, plan2022)).filter((r) => r.reversal === null);
    for (const r of live)
      expect(
        view.periods.find(
          (p) => key(p) === key({ grantBatchId: r.batchId, categoryId: r.categoryId, trancheIndex: r.trancheIndex }),
        )?.run,
      ).toEqual({ id: r.id, vestingDate: r.vestingDate });
    expect(view.periods.filter((p) => p.run !== null)).toHaveLength(live.length);

    const third = view.periods.find((p) => key(p) === `${firstBatch}/${category1}/3`)!;
    expect(third).toMatchObject({
      batch: "first",
      categoryCode: 1,
      trancheIndex: 3,
      windowOpen: "2025-12-05",
      windowClose: "2026-12-04",
      run: null,
    });
  });

  it("answers null for a plan or a batch that does not exist", async () => {
    expect(await planBatchesView(h.db, NOWHERE)).toBeNull();
    expect(await batchView(h.db, NOWHERE)).toBeNull();
  });

  it("shows a new draft: its period taken, the form's defaults from it, the period's run missing", async () => {
    const created = await createVestingBatch(h.db, actor, plan2022, {
      periods: [{ batch: "first", categoryId: category1, trancheIndex: 3 }],
      registrationDate: REGISTRATION,
      paymentStart: "2026-05-18",
      paymentDeadline: "2026-05-27",
      payeeName: "演示科技股份有限公司",
      payeeBank: "招商银行上海分行",
      payeeAccount: "1219 0000 0000 001",
      referenceTemplate: "VD{batchNo}-{employeeNo}",
      shareSource: "buyback",
    });
    batchId = created.id;

    const plan = (await planBatchesView(h.db, plan2022))!;
    expect(plan.batches.map((b) => [b.id, b.batchNo, b.status])).toEqual([[batchId, 1, "draft"]]);
    expect(plan.defaults).toEqual({
      payeeName: "演示科技股份有限公司",
      payeeBank: "招商银行上海分行",
      payeeAccount: "1219 0000 0000 001",
      referenceTemplate: "VD{batchNo}-{employeeNo}",
      shareSource: "buyback",
    });
    expect(plan.periods.filter((p) => p.takenBy !== null)).toEqual([
      expect.objectContaining({
        grantBatchId: firstBatch,
        categoryId: category1,
        trancheIndex: 3,
        takenBy: { batchId, batchNo: 1 },
      }),
    ]);
    const index = await batchPlanIndex(h.db);
    expect(index.find((p) => p.id === plan2022)).toMatchObject({ batches: 1, underWay: 1 });

    const view = (await batchView(h.db, batchId))!;
    expect(view.batch).toMatchObject({ id: batchId, status: "draft", registrationDate: REGISTRATION, lines: [] });
    expect(view.periods).toEqual([
      expect.objectContaining({
        grantBatchId: firstBatch,
        categoryId: category1,
        trancheIndex: 3,
        categoryCode: 1,
        run: null,
        runOnRegistrationDate: false,
      }),
    ]);
    expect(view.registrationClose).toBeNull();
  });

  it("shows the run once recorded on the registration date, and the registration day's closing price", async () => {
    const grantees = (
      await rows<{ employee_no: string }>(
        h,
        sql`SELECT p.employee_no FROM grants g JOIN persons p ON p.id = g.person_id WHERE g.batch_id = ${firstBatch} AND g.category_id = ${category1} ORDER BY 1`,
      )
    ).map((r) => r.employee_no);
    const run = await confirmVestingRun(h.db, actor, plan2022, {
      batch: "first",
      categoryId: category1,
      trancheIndex: 3,
      vestingDate: REGISTRATION,
      companyRatio: "1",
      fiscalYear: 2025,
      grades: grantees.filter((n) => n !== LEAVER).map((employeeNo) => ({ employeeNo, grade: "A" })),
    });
    await h.db.insert(closingPrices).values([
      { issuerId, tradeDate: REGISTRATION, close: "45.2600", source: "test" },
      { issuerId, tradeDate: "2026-11-20", close: "47.1000", source: "test" },
    ]);

    const view = (await batchView(h.db, batchId))!;
    expect(view.periods[0]).toMatchObject({
      run: { id: run.runId, vestingDate: REGISTRATION },
      runOnRegistrationDate: true,
    });
    expect(view.registrationClose).toBe("45.26");
    expect(view.latestClose).toEqual({ tradeDate: "2026-11-20", close: "47.10" });
    const plan = (await planBatchesView(h.db, plan2022))!;
    expect(plan.periods.find((p) => key(p) === `${firstBatch}/${category1}/3`)!.run).toEqual({
      id: run.runId,
      vestingDate: REGISTRATION,
    });

    // Confirming the conditions then fixes the list the page shows.
    const confirmed = await confirmBatchConditions(h.db, actor, batchId);
    const after = (await batchView(h.db, batchId))!;
    expect(after.batch.status).toBe("conditions_confirmed");
    expect(after.batch.lines).toHaveLength(confirmed.lines);
    expect(after.batch.totals.shares).toBe(confirmed.shares);
    expect(after.periods[0]).toMatchObject({ vestingRunId: run.runId, companyRatio: "1.0000" });
  });
});
