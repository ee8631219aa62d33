import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { participantCategories, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { ApiError } from "@/lib/platform/errors/apiError";
import { confirmVestingRun } from "@/lib/features/vesting/vestingRun";
import { listVestingRuns } from "@/lib/features/vesting/vestingRunReads";
import { reverseRunBody, reverseVestingRun } from "@/lib/features/vesting/vestingRunReversal";
import type { VestingRunInput } from "@/lib/features/vesting/schemas";
import { vestingRegisterPages } from "@/lib/features/registers/vestingRegisterQuery";
import { writeDerivation } from "@/lib/features/derivation/derivationWriter";
import { computePlanDerivation, loadPlanDerivationInputs } from "@/lib/features/derivation/trancheDerivation";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";
const LEAVER = "E00150"; // left on 2024-09-30

describe.each(BACKENDS)("reversing a vesting run on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let plan2022: string;
  let category1: string;
  let grantees: string[];
  let firstRun: string;
  const previousToday = process.env.VD_TODAY;

  // E00101 gets D (0 %): their tranche lapses by appraisal in a run and must come back with its reversal.
  const input = (): VestingRunInput => ({
    batch: "first",
    categoryId: category1,
    trancheIndex: 3,
    vestingDate: "2026-06-01",
    companyRatio: "0.9",
    fiscalYear: 2025,
    grades: grantees
      .filter((n) => n !== LEAVER)
      .map((employeeNo) => ({ employeeNo, grade: employeeNo === "E00101" ? "D" : "A" })),
  });
  const period = async () =>
    rows<{ employee_no: string; status: string; vested: string; lapsed: string; lapse_reason: string | null }>(
      h,
      sql`SELECT p.employee_no, t.status::text, t.vested_quantity::text AS vested, t.lapsed_quantity::text AS lapsed, t.lapse_reason
          FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN persons p ON p.id = g.person_id JOIN grant_batches b ON b.id = g.batch_id
          WHERE b.plan_id = ${plan2022} AND b.batch = 'first' AND g.category_id = ${category1} AND t.tranche_index = 3 ORDER BY 1`,
    );
  /** Everything a refused reversal must leave as it was. */
  const state = async () =>
    (
      await rows<{ runs: number; reversals: number; audit: number; notices: number; tranches: string }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM vesting_runs) AS runs, (SELECT count(*)::int FROM vesting_run_reversals) AS reversals,
                   (SELECT count(*)::int FROM audit_log) AS audit, (SELECT count(*)::int FROM notifications) AS notices,
                   (SELECT md5(string_agg(t.id::text || t.status::text || t.vested_quantity || '/' || t.lapsed_quantity, ',' ORDER BY t.id)) FROM tranches t) AS tranches`,
      )
    )[0]!;

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
    firstRun = (await confirmVestingRun(h.db, actor, plan2022, input())).runId;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("requires a reason", () => {
    expect(reverseRunBody.safeParse({ reason: "" }).success).toBe(false);
    expect(reverseRunBody.safeParse({}).success).toBe(false);
  });

  it("reverses a run: the tranches are vestable again, appraisals kept, audited, grantees told", async () => {
    const vestedBefore = (await period()).reduce((s, t) => s + Number(t.vested), 0);
    expect((await period()).find((t) => t.employee_no === "E00101")).toMatchObject({
      status: "lapsed",
      lapse_reason: "appraisal",
    });
    const [appraisalsBefore] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM appraisal_results`);
    const record = await reverseVestingRun(h.db, actor, firstRun, reverseRunBody.parse({ reason: " Wrong ratio " }));
    expect(record).toMatchObject({
      vestingRunId: firstRun,
      planId: plan2022,
      trancheIndex: 3,
      vestingDate: "2026-06-01",
      reason: "Wrong ratio",
      reversedBy: actor.userId,
      vestedBefore,
    });
    // The window (2025-12-05 – 2026-12-04) is open on AS_OF: every employed grantee's tranche is vestable again.
    for (const t of await period()) {
      if (t.employee_no === LEAVER) expect(t).toMatchObject({ status: "lapsed", lapse_reason: "left" });
      else expect(t).toMatchObject({ status: "vestable", vested: "0", lapsed: "0", lapse_reason: null });
    }
    // The run and its appraisals stay as data.
    const [appraisalsAfter] = await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM appraisal_results`);
    expect(appraisalsAfter!.n).toBe(appraisalsBefore!.n);
    const [runRow] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM vesting_runs WHERE id = ${firstRun}`,
    );
    expect(runRow!.n).toBe(1);

    const audit = await rows<{ action: string; before: { vested: number }; after: { reason: string } }>(
      h,
      sql`SELECT action, before, after FROM audit_log WHERE entity_type = 'vesting_run' AND entity_id = ${firstRun} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["vesting_run.confirm", "vesting_run.reverse"]);
    expect(audit[1]).toMatchObject({ before: { vested: vestedBefore }, after: { reason: "Wrong ratio" } });
    // employee@demo.local is E00100.
    const notices = await rows<{ email: string; payload: { trancheIndex: number; vestingDate: string } }>(
      h,
      sql`SELECT u.email, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'vesting_reversed'`,
    );
    expect(notices).toEqual([
      {
        email: "employee@demo.local",
        payload: expect.objectContaining({ trancheIndex: 3, vestingDate: "2026-06-01", reason: "Wrong ratio" }),
      },
    ]);
    const [listed] = (await listVestingRuns(h.db, plan2022)).filter((r) => r.id === firstRun);
    expect(listed).toMatchObject({
      vested: vestedBefore,
      companyRatio: "0.9",
      fiscalYear: 2025,
      reversal: { id: record.id, reason: "Wrong ratio" },
    });
  });

  it("a run and a reversal derive their batch and category only, and leave the plan as a full derivation would", async () => {
    // Row versions of the plan's tranches outside the period's batch and category, and the plan's day.
    const outside = () =>
      rows<{ id: string; version: string }>(
        h,
        sql`SELECT t.id, t.xmin::text AS version FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN grant_batches b ON b.id = g.batch_id
            WHERE g.plan_id = ${plan2022} AND NOT (b.batch = 'first' AND g.category_id = ${category1}) ORDER BY t.id`,
      );
    const derivedOn = async () =>
      (await rows<{ d: string | null }>(h, sql`SELECT derived_on::text AS d FROM plans WHERE id = ${plan2022}`))[0]!.d;
    const nothingLeft = async () =>
      h.db.transaction(async (tx) =>
        writeDerivation(tx, computePlanDerivation(await loadPlanDerivationInputs(tx, plan2022), AS_OF)),
      );
    const none = {
      tranchesWritten: 0,
      tranchesDeleted: 0,
      adjustmentsWritten: 0,
      adjustmentsDeleted: 0,
      grantsAdjusted: 0,
    };
    const before = await outside();
    expect(before.length).toBeGreaterThan(0);
    // A day-old derivation: a full re-derivation would move it to today, one of a batch and category must not.
    const day = await derivedOn();
    await h.db.execute(sql`UPDATE plans SET derived_on = '2026-11-20' WHERE id = ${plan2022}`);

    const run = await confirmVestingRun(h.db, actor, plan2022, input());
    expect(await outside()).toEqual(before);
    expect(await nothingLeft()).toEqual(none);
    await reverseVestingRun(h.db, actor, run.runId, { reason: "checking the derivation" });
    expect(await outside()).toEqual(before);
    expect(await nothingLeft()).toEqual(none);
    expect(await derivedOn()).toBe("2026-11-20");
    await h.db.execute(sql`UPDATE plans SET derived_on = ${day} WHERE id = ${plan2022}`);
  });

  it("refuses reversing twice with 409 RUN_ALREADY_REVERSED and writes nothing", async () => {
    const before = await state();
    const e = await refusal(reverseVestingRun(h.db, actor, firstRun, { reason: "again" }));
    expect([e.status, e.code]).toEqual([409, "RUN_ALREADY_REVERSED"]);
    expect(await state()).toEqual(before);
  });

  it("lets the period be run again: two concurrent confirms record exactly one run", async () => {
    // PostgreSQL: a second pool, so that the two confirms really run at the same time.
    let pool: DatabaseHandle | null = null;
    if (kind === "postgres") {
      const [{ name }] = (await rows<{ name: string }>(h, sql`SELECT current_database() AS name`)) as [
        { name: string },
      ];
      const url = new URL(process.env.VD_TEST_PG_URL!);
      url.pathname = `/${name}`;
      pool = openDatabase({ url: url.toString(), poolSize: 4 });
    }
    try {
      const target = pool?.db ?? h.db;
      const before = await state();
      const results = await Promise.allSettled([
        confirmVestingRun(target, actor, plan2022, { ...input(), companyRatio: "1" }),
        confirmVestingRun(target, actor, plan2022, { ...input(), companyRatio: "1" }),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(ok).toHaveLength(1);
      expect(refused.map((e) => (e instanceof ApiError ? [e.status, e.code] : String(e)))).toEqual([
        [409, "VESTING_RUN_EXISTS"],
      ]);
      const after = await state();
      expect(after.runs - before.runs).toBe(1);
      const live = await rows<{ n: number }>(
        h,
        sql`SELECT count(*)::int AS n FROM vesting_runs vr JOIN grant_batches b ON b.id = vr.batch_id
            WHERE b.plan_id = ${plan2022} AND b.batch = 'first' AND vr.category_id = ${category1} AND vr.tranche_index = 3
              AND NOT EXISTS (SELECT 1 FROM vesting_run_reversals rv WHERE rv.vesting_run_id = vr.id)`,
      );
      expect(live[0]!.n).toBe(1);
    } finally {
      await pool?.close();
    }
    // The new run vests again at the new company ratio (E00101 graded D lapses by appraisal again).
    for (const t of await period()) {
      if (t.employee_no === LEAVER) expect(t.status).toBe("lapsed");
      else if (t.employee_no === "E00101") expect(t).toMatchObject({ status: "lapsed", lapse_reason: "appraisal" });
      else expect(t).toMatchObject({ status: "vested", lapsed: "0" });
    }
    // The vesting register lists each tranche once, dated by the run in force.
    const registered = [];
    for await (const page of vestingRegisterPages(h.db, plan2022)) registered.push(...page);
    const keys = registered.map((r) => `${r.grantId}/${r.trancheIndex}`);
    expect(new Set(keys).size).toBe(keys.length);
    const e101 = registered.find((r) => r.employeeNo === "E00101" && r.trancheIndex === 3)!;
    expect(e101).toMatchObject({ lapseReason: "appraisal", runDate: "2026-06-01", companyRatio: "1.0000" });
    // A third confirm of the period is refused as before.
    const again = await refusal(confirmVestingRun(h.db, actor, plan2022, input()));
    expect([again.status, again.code]).toEqual([409, "VESTING_RUN_EXISTS"]);
  });
});
