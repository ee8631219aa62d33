/**
 * Plans, batches and grants of the bench company, filled plan by plan in a fixed order until the
 * requested number of grants exists. Vesting runs, company appraisals and grades are recorded for every
 * period whose earliest vesting date has passed; tranches and adjusted figures then come from the app's
 * own loader and engine (loadPlanDerivationInputs, computePlanDerivation), mapped as rederivePlan maps
 * them, so every tranche row is what the app itself would write. Everything is computed first, then
 * written in foreign-key order with one bulk statement per table.
 */
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import * as s from "@/db/schema";
import { DEFAULT_GRADE_TABLE } from "@/lib/domain/vesting/appraisal";
import type { TradingCalendar } from "@/lib/domain/calendar/tradingCalendar";
import {
  computePlanDerivation,
  loadPlanDerivationInputs,
  type PlanDerivationInputs,
} from "@/lib/features/derivation/trancheDerivation";
import { insertRows } from "./batchInsert";
import { derivationRows } from "@/lib/features/derivation/derivationRows";
import { extendVestingHistory, type GrantOrigin } from "./vestingHistory";
import {
  BENCH_ARRANGEMENT,
  BENCH_CATEGORIES,
  BENCH_SHARE_CAPITAL,
  VALIDITY_MONTHS,
  batchOrder,
  categoryCodeOf,
  grantQuantity,
  leaveDateOf,
  planShape,
  type BenchPlanShape,
} from "./benchCompany";
import type { BenchFoundation } from "./seedFoundation";

/** What plan seeding needs to know about the company. */
export interface PlanSeedContext extends BenchFoundation {
  asOf: string;
  calendar: TradingCalendar;
  employees: number;
  /** Person ids by person index (index 0 unused). */
  personIds: string[];
}

/** Seconds spent writing grants and deriving their tranches. */
export interface PlanSeedTimings {
  grants: number;
  derive: number;
}

/** Adds grants number `existing` up to `target` (0-based slots over all plans); returns the plans touched. */
export async function seedGrantSlots(
  tx: Transaction,
  ctx: PlanSeedContext,
  existing: number,
  target: number,
  timings: PlanSeedTimings,
): Promise<number> {
  let slot = 0;
  let touched = 0;
  for (let k = 1; slot < target; k++) {
    const shape = planShape(k, ctx.asOf, ctx.calendar, ctx.employees);
    const capacity = shape.firstCapacity + shape.reservedCapacity;
    if (capacity === 0) throw new Error(`plan ${k} has nobody to grant to: add employees`);
    const from = Math.max(existing, slot) - slot;
    const to = Math.min(target, slot + capacity) - slot;
    if (from < to) {
      await seedPlanSlots(tx, ctx, shape, from, to, timings);
      touched++;
    }
    slot += capacity;
  }
  return touched;
}

async function seedPlanSlots(
  tx: Transaction,
  ctx: PlanSeedContext,
  shape: BenchPlanShape,
  from: number,
  to: number,
  timings: PlanSeedTimings,
) {
  const t0 = performance.now();
  const { planId, categoryIds } = await planOf(tx, ctx, shape);
  const rows: (typeof s.grants.$inferInsert & { id: string })[] = [];
  const origins = new Map<string, GrantOrigin>();
  const newGrantRows: PlanDerivationInputs["grantRows"] = [];
  for (const reserved of [false, true]) {
    const start = reserved ? shape.firstCapacity : 0;
    const end = reserved ? shape.firstCapacity + shape.reservedCapacity : shape.firstCapacity;
    const lo = Math.max(from, start);
    const hi = Math.min(to, end);
    if (lo >= hi) continue;
    const grantDate = reserved ? shape.reservedGrantDate! : shape.firstGrantDate;
    const batchId = await batchOf(tx, planId, reserved, grantDate, shape.grantPrice);
    const order = batchOrder(shape.index, reserved, grantDate, ctx.employees);
    const acceptedAt = new Date(`${grantDate}T10:00:00+08:00`);
    for (let i = lo - start; i < hi - start; i++) {
      const person = order[i]!;
      const quantity = grantQuantity(shape.index, reserved, person);
      const categoryCode = categoryCodeOf(person);
      const row = {
        id: crypto.randomUUID(),
        batchId,
        planId,
        personId: ctx.personIds[person]!,
        categoryId: categoryIds.get(categoryCode)!,
        quantity,
        adjustedPrice: shape.grantPrice,
        adjustedQuantity: quantity,
        acceptedAt,
      };
      rows.push(row);
      origins.set(row.id, { person, reserved, categoryCode });
      const left = leaveDateOf(person);
      newGrantRows.push({
        id: row.id,
        batchId,
        categoryId: row.categoryId,
        quantity,
        leaveDate: left !== null && left <= ctx.asOf ? left : null,
      });
    }
  }
  // The app's own loader reads the plan (and any grants of an earlier, partial seed); the new grants join in memory.
  const inputs = await loadPlanDerivationInputs(tx, planId);
  inputs.grantRows.push(...newGrantRows);
  const history = extendVestingHistory(inputs, shape.index, ctx.asOf, origins);
  const computed = computePlanDerivation(inputs, ctx.asOf);
  for (const row of rows) {
    const derived = computed.get(row.id)!.derived;
    row.adjustedPrice = derived.grantPrice;
    row.adjustedQuantity = derived.quantity;
  }
  const derivedRows = derivationRows(computed, origins.keys());
  const t1 = performance.now();
  await insertRows(tx, s.companyAppraisals, history.companyAppraisals);
  await insertRows(tx, s.vestingRuns, history.vestingRuns);
  await insertRows(tx, s.grants, rows);
  await insertRows(tx, s.appraisalResults, history.appraisalResults);
  await insertRows(tx, s.tranches, derivedRows.tranches);
  await insertRows(tx, s.adjustmentRecords, derivedRows.adjustments);
  await settlePlan(tx, planId, ctx.asOf, inputs.runDate.size > 0);
  timings.derive += (t1 - t0) / 1000;
  timings.grants += (performance.now() - t1) / 1000;
}

/** The plan row with its categories and arrangements, and its own major event; created on first use. */
async function planOf(
  tx: Transaction,
  ctx: PlanSeedContext,
  shape: BenchPlanShape,
): Promise<{ planId: string; categoryIds: Map<number, string> }> {
  const [found] = await tx.select({ id: s.plans.id }).from(s.plans).where(eq(s.plans.name, shape.name));
  if (found) {
    const cats = await tx
      .select({ id: s.participantCategories.id, code: s.participantCategories.code })
      .from(s.participantCategories)
      .where(eq(s.participantCategories.planId, found.id));
    return { planId: found.id, categoryIds: new Map(cats.map((c) => [c.code, c.id])) };
  }
  const [plan] = await tx
    .insert(s.plans)
    .values({
      issuerId: ctx.issuerId,
      name: shape.name,
      nameEn: shape.nameEn,
      announcementDate: shape.announcementDate,
      boardApprovalDate: shape.boardApprovalDate,
      generalMeetingDate: shape.generalMeetingDate,
      totalQuantity: 0,
      firstGrantQuantity: 0,
      reservedQuantity: 0,
      shareCapitalAtAnnouncement: BENCH_SHARE_CAPITAL,
      validityMonths: VALIDITY_MONTHS,
      blackoutRuleSetId: shape.rules2024 ? ctx.rules2024Id : ctx.rules2022Id,
      verifyingBody: shape.boardApprovalDate >= "2025-03-27" ? "remuneration_committee" : "board_of_supervisors",
      status: "granted",
      gradeTable: { ...DEFAULT_GRADE_TABLE },
    })
    .returning({ id: s.plans.id });
  const planId = plan!.id;
  const cats = await tx
    .insert(s.participantCategories)
    .values(BENCH_CATEGORIES.map((c) => ({ planId, ...c })))
    .returning({ id: s.participantCategories.id, code: s.participantCategories.code });
  await tx.insert(s.vestingArrangements).values(
    cats.flatMap((c) =>
      BENCH_ARRANGEMENT.map((t) => ({
        categoryId: c.id,
        trancheIndex: t.index,
        startMonths: t.startMonths,
        endMonths: t.endMonths,
        ratio: t.ratio,
      })),
    ),
  );
  if (shape.majorEvent) {
    await tx.insert(s.disclosureEvents).values({
      issuerId: ctx.issuerId,
      planId,
      kind: "major_event",
      title: `第${shape.index}期计划相关重大事项`,
      titleEn: `major event of bench plan ${shape.index}`,
      ...shape.majorEvent,
    });
  }
  return { planId, categoryIds: new Map(cats.map((c) => [c.code, c.id])) };
}

async function batchOf(
  tx: Transaction,
  planId: string,
  reserved: boolean,
  grantDate: string,
  grantPrice: string,
): Promise<string> {
  const batch = reserved ? ("reserved" as const) : ("first" as const);
  const [found] = await tx
    .select({ id: s.grantBatches.id })
    .from(s.grantBatches)
    .where(and(eq(s.grantBatches.planId, planId), eq(s.grantBatches.batch, batch)));
  if (found) return found.id;
  const [row] = await tx
    .insert(s.grantBatches)
    .values({ planId, batch, grantDate, grantPrice, boardResolutionDate: grantDate })
    .returning({ id: s.grantBatches.id });
  return row!.id;
}

/**
 * Derived as of `asOf` (so the app does not re-derive on its first request); first grant = what the
 * first batch granted; reserve = a quarter of it (20 % of the plan), never less than granted.
 */
async function settlePlan(tx: Transaction, planId: string, asOf: string, vesting: boolean) {
  const [sums] = await tx
    .select({
      first: sql<string>`coalesce(sum(${s.grants.quantity}) FILTER (WHERE ${s.grantBatches.batch} = 'first'), 0)`,
      reserved: sql<string>`coalesce(sum(${s.grants.quantity}) FILTER (WHERE ${s.grantBatches.batch} = 'reserved'), 0)`,
    })
    .from(s.grants)
    .innerJoin(s.grantBatches, eq(s.grants.batchId, s.grantBatches.id))
    .where(eq(s.grants.planId, planId));
  const first = Number(sums!.first);
  const reservedGranted = Number(sums!.reserved);
  const reserved = Math.max(reservedGranted, Math.floor(first / 400) * 100);
  if (reserved * 4 > first) throw new Error(`plan ${planId}: reserve ${reserved} exceeds 20 % of the plan`);
  await tx
    .update(s.plans)
    .set({
      firstGrantQuantity: first,
      reservedQuantity: reserved,
      totalQuantity: first + reserved,
      derivedOn: asOf,
      status: vesting ? "vesting" : "granted",
    })
    .where(eq(s.plans.id, planId));
}
