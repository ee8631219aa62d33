import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import {
  advancePlanStatus,
  createPlan,
  nextStatuses,
  planInputSchema,
  updatePlan,
  type PlanInput,
} from "@/lib/features/plans/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/** A valid 2027 plan: 1.6M first grant + 0.4M reserve, 40/30/30. */
function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return planInputSchema.parse({
    name: "2027年限制性股票激励计划",
    nameEn: "2027 Restricted Stock Incentive Plan",
    boardApprovalDate: "2026-11-20",
    totalQuantity: 2_000_000,
    firstGrantQuantity: 1_600_000,
    reservedQuantity: 400_000,
    shareCapitalAtAnnouncement: 461_000_000,
    validityMonths: 72,
    blackoutRule: { preset: "2024-05-24 rules" },
    categories: [
      {
        code: 1,
        name: "核心技术人员",
        nameEn: "Core technical staff",
        tranches: [
          { index: 1, startMonths: 12, endMonths: 24, ratio: "0.4" },
          { index: 2, startMonths: 24, endMonths: 36, ratio: "0.3" },
          { index: 3, startMonths: 36, endMonths: 48, ratio: "0.3" },
        ],
      },
    ],
    ...overrides,
  });
}

describe.each(BACKENDS)("plan set-up on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  const counts = async () =>
    (
      await rows<{ plans: number; audits: number; categories: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM plans) AS plans, (SELECT count(*)::int FROM audit_log) AS audits, (SELECT count(*)::int FROM participant_categories) AS categories`,
      )
    )[0]!;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: "10.0.0.7" };
  });
  afterAll(async () => h?.close());

  it("creates a draft plan with defaults and returns it as GET /plans/{id} does", async () => {
    const before = await counts();
    const plan = await createPlan(h.db, actor, planInput());
    expect(plan).toMatchObject({
      name: "2027年限制性股票激励计划",
      status: "draft",
      totalQuantity: 2_000_000,
      firstGrantQuantity: 1_600_000,
      reservedQuantity: 400_000,
      shareCapital: 461_000_000,
      validityMonths: 72,
      verifyingBody: "remuneration_committee",
      blackoutRule: { name: "2024-05-24 rules", annualDays: 15, quarterlyDays: 5 },
      stats: { grantees: 0, grantedQuantity: 0 },
    });
    expect(plan.categories).toHaveLength(1);
    expect(plan.categories[0]!.tranches.map((t) => t.ratio)).toEqual(["0.4", "0.3", "0.3"]);
    const [stored] = await rows<{ grade_table: Record<string, string> }>(
      h,
      sql`SELECT grade_table FROM plans WHERE id = ${plan.id}`,
    );
    expect(stored!.grade_table).toEqual({ A: "1", B: "1", C: "0.8", D: "0" });
    const audit = await rows<{ action: string; actor_user_id: string; ip: string }>(
      h,
      sql`SELECT action, actor_user_id, ip FROM audit_log WHERE entity_id = ${plan.id}`,
    );
    expect(audit).toEqual([{ action: "plan.create", actor_user_id: actor.userId, ip: "10.0.0.7" }]);
    expect((await counts()).plans).toBe(before.plans + 1);
  });

  it("defaults the verifying body to the board of supervisors before 2025-03-27 and creates custom rule sets", async () => {
    const plan = await createPlan(
      h.db,
      actor,
      planInput({
        name: "2025A",
        nameEn: "2025A",
        boardApprovalDate: "2025-03-26",
        blackoutRule: { name: "Plan text 20/7", annualDays: 20, quarterlyDays: 7 },
      }),
    );
    expect(plan.verifyingBody).toBe("board_of_supervisors");
    expect(plan.blackoutRule).toEqual({ name: "Plan text 20/7", annualDays: 20, quarterlyDays: 7 });
    // The same custom set again is reused; a different one under that name is refused.
    const again = await createPlan(
      h.db,
      actor,
      planInput({
        name: "2025B",
        nameEn: "2025B",
        blackoutRule: { name: "Plan text 20/7", annualDays: 20, quarterlyDays: 7 },
      }),
    );
    expect(again.blackoutRule.name).toBe("Plan text 20/7");
    await expect(
      createPlan(
        h.db,
        actor,
        planInput({ blackoutRule: { name: "Plan text 20/7", annualDays: 30, quarterlyDays: 7 } }),
      ),
    ).rejects.toMatchObject({ status: 409, code: "RULE_SET_NAME_TAKEN" });
    await expect(
      createPlan(h.db, actor, planInput({ blackoutRule: { name: "2022 rules", annualDays: 30, quarterlyDays: 10 } })),
    ).rejects.toMatchObject({ status: 409, code: "RULE_SET_NAME_TAKEN" });
  });

  it.each([
    ["VALIDITY_TOO_LONG", { validityMonths: 121 }],
    ["PLAN_TOTAL_MISMATCH", { firstGrantQuantity: 1_500_000 }],
    ["RESERVE_EXCEEDED", { firstGrantQuantity: 1_500_000, reservedQuantity: 500_000 }],
    // 92,000,000 is within 20 % of 461,000,000 alone, but the 2022 and 2026 plans are still within validity.
    ["CAP_TOTAL_EXCEEDED", { totalQuantity: 92_000_000, firstGrantQuantity: 80_000_000, reservedQuantity: 12_000_000 }],
  ] as const)("refuses %s and writes nothing", async (code, overrides) => {
    const before = await counts();
    const attempt = createPlan(h.db, actor, planInput(overrides));
    await expect(attempt).rejects.toMatchObject({ status: 422, code });
    expect(await counts()).toEqual(before);
  });

  it("refuses tranche ratios that do not sum to 1 with INVALID_RATIOS and reports every violation", async () => {
    const before = await counts();
    const input = planInput({ validityMonths: 130 });
    input.categories[0]!.tranches[2]!.ratio = "0.2";
    const error = await createPlan(h.db, actor, input).then(
      () => {
        throw new Error("not refused");
      },
      (e: unknown) =>
        e as {
          status: number;
          code: string;
          details: { violations: { code: string; details: Record<string, unknown> }[] };
        },
    );
    expect(error).toMatchObject({ status: 422, code: "VALIDITY_TOO_LONG" });
    expect(error.details.violations.map((v) => v.code)).toEqual(["VALIDITY_TOO_LONG", "INVALID_RATIOS"]);
    expect(error.details.violations[1]!.details).toMatchObject({ categoryCode: 1, sum: "0.9" });
    expect(await counts()).toEqual(before);
  });

  it("refuses a tranche window ending after the plan's validity (TRANCHE_AFTER_VALIDITY) and writes nothing", async () => {
    const before = await counts();
    const error = await createPlan(h.db, actor, planInput({ validityMonths: 40 })).then(
      () => {
        throw new Error("not refused");
      },
      (e: unknown) => e as { status: number; code: string; message: string; details: { violations: unknown[] } },
    );
    expect(error).toMatchObject({ status: 422, code: "TRANCHE_AFTER_VALIDITY" });
    expect(error.message).toBe(
      "Tranche 3 of category 1 ends 48 months after the grant, beyond the plan's validity of 40 months.",
    );
    expect(error.details.violations).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it("refuses a grade table with a ratio above 1", async () => {
    await expect(createPlan(h.db, actor, planInput({ gradeTable: { A: "1", B: "1.2" } }))).rejects.toMatchObject({
      status: 422,
      code: "INVALID_RATIOS",
    });
  });

  it("edits a draft plan, and only a draft", async () => {
    const plan = await createPlan(h.db, actor, planInput({ name: "Edit me", nameEn: "Edit me" }));
    const input = planInput({ name: "Edited", nameEn: "Edited", validityMonths: 84 });
    input.categories.push({
      code: 2,
      name: "第二类",
      nameEn: "Category 2",
      tranches: [
        { index: 1, startMonths: 24, endMonths: 36, ratio: "0.5" },
        { index: 2, startMonths: 36, endMonths: 48, ratio: "0.5" },
      ],
    });
    const edited = await updatePlan(h.db, actor, plan.id, input);
    expect(edited).toMatchObject({ name: "Edited", validityMonths: 84 });
    expect(edited.categories.map((c) => [c.name, c.tranches.length])).toEqual([
      ["核心技术人员", 3],
      ["第二类", 2],
    ]);
    expect(edited.categories[0]!.id).toBe(plan.categories[0]!.id);
    const audit = await rows<{ action: string }>(
      h,
      sql`SELECT action FROM audit_log WHERE entity_id = ${plan.id} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["plan.create", "plan.update"]);

    await advancePlanStatus(h.db, actor, plan.id, "board_approved");
    await expect(updatePlan(h.db, actor, plan.id, input)).rejects.toMatchObject({
      status: 409,
      code: "PLAN_NOT_DRAFT",
    });
  });

  it("moves through the lifecycle one step at a time and refuses skips", async () => {
    const plan = await createPlan(h.db, actor, planInput({ name: "Lifecycle", nameEn: "Lifecycle" }));
    const before = await counts();
    await expect(advancePlanStatus(h.db, actor, plan.id, "publicity")).rejects.toMatchObject({
      status: 409,
      code: "INVALID_TRANSITION",
      details: { from: "draft", allowed: ["board_approved"] },
    });
    expect(await counts()).toEqual(before);
    for (const to of [
      "board_approved",
      "publicity",
      "verified",
      "approved_by_general_meeting",
      "granted",
      "vesting",
    ] as const) {
      expect((await advancePlanStatus(h.db, actor, plan.id, to)).status).toBe(to);
    }
    await expect(advancePlanStatus(h.db, actor, plan.id, "draft")).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    expect((await advancePlanStatus(h.db, actor, plan.id, "closed")).status).toBe("closed");
    await expect(advancePlanStatus(h.db, actor, plan.id, "expired")).rejects.toMatchObject({
      status: 409,
      code: "INVALID_TRANSITION",
    });
    const audit = await rows<{ before: { status: string }; after: { status: string } }>(
      h,
      sql`SELECT before, after FROM audit_log WHERE entity_id = ${plan.id} AND action = 'plan.status' ORDER BY id`,
    );
    expect(audit.map((a) => `${a.before.status}>${a.after.status}`)).toEqual([
      "draft>board_approved",
      "board_approved>publicity",
      "publicity>verified",
      "verified>approved_by_general_meeting",
      "approved_by_general_meeting>granted",
      "granted>vesting",
      "vesting>closed",
    ]);
    await expect(
      advancePlanStatus(h.db, actor, "00000000-0000-4000-8000-000000000000", "board_approved"),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("allows closed or expired only from vesting", () => {
    expect(nextStatuses("vesting")).toEqual(["closed", "expired"]);
    expect(nextStatuses("granted")).toEqual(["vesting"]);
    expect(nextStatuses("expired")).toEqual([]);
  });

  it("rejects malformed input at the schema", () => {
    expect(planInputSchema.safeParse({ ...planInput(), categories: [] }).success).toBe(false);
    const badTranche = planInput();
    badTranche.categories[0]!.tranches[1]!.index = 5;
    expect(planInputSchema.safeParse(badTranche).success).toBe(false);
    expect(planInputSchema.safeParse({ ...planInput(), firstGrantQuantity: 1.5 }).success).toBe(false);
    const tooPrecise = planInput();
    tooPrecise.categories[0]!.tranches[0]!.ratio = "0.33333";
    expect(planInputSchema.safeParse(tooPrecise).success).toBe(false);
  });
});
