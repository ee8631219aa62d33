import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { createPlan, planInputSchema, updatePlan, type PlanInput } from "@/lib/features/plans/commands";
import { storedCategories, updatePlanCategories } from "@/lib/features/plans/planCategories";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { refusal } from "./support/refusal";

const AS_OF = "2026-11-21";

const CORE = {
  code: 1,
  name: "第一类 核心技术人员",
  nameEn: "Category 1: core technical staff",
  tranches: [
    { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
    { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
    { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
  ],
};
const OTHERS = {
  code: 2,
  name: "第二类 其他激励对象",
  nameEn: "Category 2: other participants",
  tranches: [
    { index: 1, startMonths: 24, endMonths: 36, ratio: "0.5" },
    { index: 2, startMonths: 36, endMonths: 48, ratio: "0.5" },
  ],
};

/** A valid 2027 plan with two categories, each with its own arrangement. */
function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return planInputSchema.parse({
    name: "2027年第二期限制性股票激励计划",
    nameEn: "2027 Second Restricted Stock Incentive Plan",
    boardApprovalDate: "2026-11-20",
    totalQuantity: 1_000_000,
    firstGrantQuantity: 800_000,
    reservedQuantity: 200_000,
    shareCapitalAtAnnouncement: 461_000_000,
    validityMonths: 60,
    blackoutRule: { preset: "2024-05-24 rules" },
    categories: [CORE, OTHERS],
    ...overrides,
  });
}

describe.each(BACKENDS)("plan categories on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let plan2021: string;
  let plan2022: string;
  const counts = async () =>
    (
      await rows<{ audits: number; categories: number; arrangements: number; ids: string }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM audit_log) AS audits, (SELECT count(*)::int FROM participant_categories) AS categories,
                   (SELECT count(*)::int FROM vesting_arrangements) AS arrangements,
                   (SELECT string_agg(id::text || ratio::text, ',' ORDER BY id) FROM vesting_arrangements) AS ids`,
      )
    )[0]!;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: "10.0.0.8" };
    const plans = await rows<{ id: string; name_en: string }>(h, sql`SELECT id, name_en FROM plans`);
    plan2021 = plans.find((p) => p.name_en.startsWith("2021"))!.id;
    plan2022 = plans.find((p) => p.name_en.startsWith("2022"))!.id;
  });
  afterAll(async () => h?.close());

  it("creates a plan with two categories, each with its own tranches, audited with both", async () => {
    const plan = await createPlan(h.db, actor, planInput());
    expect(
      plan.categories.map((c) => [c.name, c.tranches.map((t) => `${t.startMonths}-${t.endMonths}:${t.ratio}`)]),
    ).toEqual([
      ["第一类 核心技术人员", ["12-24:0.33", "24-36:0.33", "36-48:0.34"]],
      ["第二类 其他激励对象", ["24-36:0.5", "36-48:0.5"]],
    ]);
    const [audit] = await rows<{ after: { categories: { code: number }[] } }>(
      h,
      sql`SELECT after FROM audit_log WHERE entity_id = ${plan.id} AND action = 'plan.create'`,
    );
    expect(audit!.after.categories.map((c) => c.code)).toEqual([1, 2]);
  });

  it("refuses a second category whose ratios do not add up to 1, naming it, and writes nothing", async () => {
    const before = await counts();
    const e = await refusal(
      createPlan(
        h.db,
        actor,
        planInput({
          categories: [CORE, { ...OTHERS, tranches: [{ ...OTHERS.tranches[0]!, ratio: "0.6" }, OTHERS.tranches[1]!] }],
        }),
      ),
    );
    expect([e.status, e.code]).toEqual([422, "INVALID_RATIOS"]);
    expect(e.details).toMatchObject({ categoryCode: 2, sum: "1.1" });
    expect(await counts()).toEqual(before);
  });

  it("edits a draft's categories by code: keeps, changes, drops and adds", async () => {
    const plan = await createPlan(h.db, actor, planInput({ name: "Edit categories", nameEn: "Edit categories" }));
    const third = {
      code: 3,
      name: "第三类",
      nameEn: "Category 3",
      tranches: [{ index: 1, startMonths: 12, endMonths: 24, ratio: "1" }],
    };
    const edited = await updatePlan(
      h.db,
      actor,
      plan.id,
      planInput({
        name: "Edit categories",
        nameEn: "Edit categories",
        categories: [{ ...CORE, tranches: [{ index: 1, startMonths: 12, endMonths: 24, ratio: "1" }] }, third],
      }),
    );
    expect(edited.categories.map((c) => [c.name, c.tranches.length])).toEqual([
      ["第一类 核心技术人员", 1],
      ["第三类", 1],
    ]);
    expect(edited.categories[0]!.id).toBe(plan.categories[0]!.id);
  });

  it("refuses a draft edit that changes a set meeting date (it changes only explicitly) and writes nothing", async () => {
    const plan = await createPlan(
      h.db,
      actor,
      planInput({ name: "GM", nameEn: "GM", generalMeetingDate: "2027-01-10" }),
    );
    const before = await counts();
    const e = await refusal(
      updatePlan(h.db, actor, plan.id, planInput({ name: "GM", nameEn: "GM", generalMeetingDate: "2027-01-12" })),
    );
    expect([e.status, e.code]).toEqual([422, "GENERAL_MEETING_DATE_MISMATCH"]);
    expect(e.details).toMatchObject({ given: "2027-01-12", generalMeetingDate: "2027-01-10" });
    expect(await counts()).toEqual(before);
    const kept = await updatePlan(
      h.db,
      actor,
      plan.id,
      planInput({ name: "GM kept", nameEn: "GM kept", generalMeetingDate: "2027-01-10" }),
    );
    expect([kept.name, kept.generalMeetingDate]).toEqual(["GM kept", "2027-01-10"]);
  });

  it("the demo's 2022 plan has its two categories, each with grants", async () => {
    const stored = await storedCategories(h.db, plan2022);
    expect(stored.map((c) => [c.code, c.name, c.tranches.length])).toEqual([
      [1, "第一类激励对象", 3],
      [2, "第二类激励对象", expect.any(Number)],
    ]);
    expect(stored[1]!.grants).toBe(6);
    expect(stored[0]!.grants).toBeGreaterThan(100);
  });

  it("refuses changing the arrangement of a category with grants, or removing it, and writes nothing", async () => {
    const stored = await storedCategories(h.db, plan2022);
    const asInput = stored.map((c) => ({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      tranches: c.tranches.map((t, i) => ({
        index: i + 1,
        startMonths: t.startMonths,
        endMonths: t.endMonths,
        ratio: t.ratio,
      })),
    }));
    const before = await counts();
    const changed = asInput.map((c) =>
      c.code === 2 ? { ...c, tranches: c.tranches.map((t) => ({ ...t, endMonths: t.endMonths + 1 })) } : c,
    );
    const locked = await refusal(updatePlanCategories(h.db, actor, plan2022, { categories: changed }));
    expect([locked.status, locked.code]).toEqual([422, "CATEGORY_ARRANGEMENT_LOCKED"]);
    expect(locked.details).toMatchObject({ categoryCode: 2, grants: 6 });
    const removed = await refusal(updatePlanCategories(h.db, actor, plan2022, { categories: [asInput[0]!] }));
    expect([removed.status, removed.code]).toEqual([422, "CATEGORY_HAS_GRANTS"]);
    expect(await counts()).toEqual(before);

    // Renaming is allowed, and so is a new category for a reserve with its own arrangement (then changing it).
    const reserve = {
      code: 3,
      name: "第三类（预留）",
      nameEn: "Category 3 (reserve)",
      tranches: [{ index: 1, startMonths: 12, endMonths: 24, ratio: "1" }],
    };
    const renamed = asInput.map((c) => (c.code === 2 ? { ...c, nameEn: "Category 2" } : c));
    const after = await updatePlanCategories(h.db, actor, plan2022, { categories: [...renamed, reserve] });
    expect(after.categories.map((c) => c.nameEn)).toEqual(["Category 1", "Category 2", "Category 3 (reserve)"]);
    const now = await counts();
    expect(now.arrangements).toBe(before.arrangements + 1);
    const [audit] = await rows<{
      before: { categories: { code: number }[] };
      after: { categories: { code: number }[] };
    }>(
      h,
      sql`SELECT before, after FROM audit_log WHERE entity_id = ${plan2022} AND action = 'plan.categories' ORDER BY id DESC LIMIT 1`,
    );
    expect([audit!.before.categories.map((c) => c.code), audit!.after.categories.map((c) => c.code)]).toEqual([
      [1, 2],
      [1, 2, 3],
    ]);
    const twoTranches = {
      ...reserve,
      tranches: [
        { index: 1, startMonths: 12, endMonths: 24, ratio: "0.5" },
        { index: 2, startMonths: 24, endMonths: 36, ratio: "0.5" },
      ],
    };
    const again = await updatePlanCategories(h.db, actor, plan2022, { categories: [...renamed, twoTranches] });
    expect(again.categories[2]!.tranches.map((t) => t.ratio)).toEqual(["0.5", "0.5"]);
    // Its arrangements for categories 1 and 2 are the same rows as before: nothing rewritten.
    const ids = (await counts()).ids.split(",");
    for (const old of before.ids.split(",")) expect(ids).toContain(old);
  });

  it("refuses a new category ending beyond the validity, and any change to an ended plan", async () => {
    const stored = await storedCategories(h.db, plan2022);
    const asInput = stored.map((c) => ({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      tranches: c.tranches.map((t, i) => ({
        index: i + 1,
        startMonths: t.startMonths,
        endMonths: t.endMonths,
        ratio: t.ratio,
      })),
    }));
    const before = await counts();
    const tooLong = {
      code: 9,
      name: "第九类",
      nameEn: "Category 9",
      tranches: [{ index: 1, startMonths: 48, endMonths: 72, ratio: "1" }],
    };
    const e = await refusal(updatePlanCategories(h.db, actor, plan2022, { categories: [...asInput, tooLong] }));
    expect([e.status, e.code]).toEqual([422, "TRANCHE_AFTER_VALIDITY"]);
    const ended = await refusal(updatePlanCategories(h.db, actor, plan2021, { categories: asInput }));
    expect([ended.status, ended.code]).toEqual([409, "PLAN_ENDED"]);
    expect(await counts()).toEqual(before);
  });
});
