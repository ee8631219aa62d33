import "server-only";
import type { Database } from "@/db/client";
import type { ExpenseGrain } from "@/lib/domain/expense/expensePeriods";
import { planTextExpenseTable, type PlanTextExpenseTable } from "@/lib/domain/expense/planTextTable";
import { FINANCE_READ_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import {
  loadExpensePlans,
  loadMeasurementsInForce,
  loadTrancheLapseFacts,
  type ExpensePlan,
  type StoredMeasurement,
} from "@/lib/features/expense/expenseFacts";
import {
  draftExpenseLines,
  grantExpenseLines,
  termFairValue,
  type ExpenseLines,
} from "@/lib/features/expense/expenseModel";
import {
  allMonths,
  expenseTotals,
  lineDtos,
  monthsByColumn,
  type ExpenseLineDto,
  type ExpenseTotals,
} from "@/lib/features/expense/expenseTable";
import { today } from "@/lib/platform/clock";
import { db as database } from "@/lib/platform/db";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";

/** A measurement in force with the fair value per share it gives for each term. */
export interface MeasurementDto extends Omit<StoredMeasurement, "terms"> {
  terms: { months: number; volatility: string; riskFreeRate: string; fairValue: string }[];
}

/** A plan's share-based payment expense: the measurements, the tranche lines, and the table by period. */
export interface PlanExpenseDto extends ExpenseTotals {
  planId: string;
  planName: string;
  planNameEn: string;
  planStatus: string;
  firstGrantQuantity: number;
  by: ExpenseGrain;
  version: "current" | "draft";
  asOf: string;
  currency: "CNY";
  measurements: MeasurementDto[];
  /** Columns of the table: each grant resolution (or the draft), in order. */
  columns: { id: string; batch: "first" | "reserved" | "draft"; grantDate: string }[];
  lines: ExpenseLineDto[];
  unmeasuredBatches: ExpenseLines["unmeasuredBatches"];
  missingTerms: ExpenseLines["missingTerms"];
  /** What the draft-projection form starts from: the plan's categories with their terms. */
  categories: { id: string; code: number; name: string; nameEn: string; termMonths: number[] }[];
  batches: ExpensePlan["batches"];
  /** The same figures in the shape plan texts print them: 万股 and 万元 per calendar year. */
  planTextTable: PlanTextExpenseTable | null;
}

/** The company's expense across plans: one column per plan. */
export interface CompanyExpenseDto extends ExpenseTotals {
  by: ExpenseGrain;
  asOf: string;
  currency: "CNY";
  plans: {
    planId: string;
    name: string;
    nameEn: string;
    total: string;
    recognised: string;
    unmeasuredBatches: number;
  }[];
}

function measurementDto(m: StoredMeasurement): MeasurementDto {
  return { ...m, terms: m.terms.map((t) => ({ ...t, fairValue: termFairValue(m, t) })) };
}

async function linesOf(db: Database, plans: ExpensePlan[]) {
  const ids = plans.map((p) => p.id);
  const [measurements, facts] = await Promise.all([loadMeasurementsInForce(db, ids), loadTrancheLapseFacts(db, ids)]);
  return { measurements, facts };
}

/** GET /api/v1/plans/{planId}/expense and the finance page of one plan. */
export async function planExpense(
  db: Database,
  planId: string,
  query: { by: ExpenseGrain; version: "current" | "draft" },
): Promise<PlanExpenseDto> {
  if (!isUuid(planId)) throw notFound("Plan");
  await ensureDerivedToday(db);
  const [plan] = await loadExpensePlans(db, [planId]);
  if (!plan) throw notFound("Plan");
  const { measurements, facts } = await linesOf(db, [plan]);
  const draft = measurements.find((m) => m.kind === "draft_projection");
  const lines =
    query.version === "draft" ? draftExpenseLines(plan, draft) : grantExpenseLines(plan, measurements, facts);
  const asOf = today();
  const columns =
    query.version === "draft"
      ? draft
        ? [{ id: "draft", batch: "draft" as const, grantDate: draft.valuationDate }]
        : []
      : plan.batches
          .filter((b) => lines.lines.some((l) => l.batchId === b.id))
          .map((b) => ({ id: b.id, batch: b.batch, grantDate: b.grantDate }));
  return {
    planId: plan.id,
    planName: plan.name,
    planNameEn: plan.nameEn,
    planStatus: plan.status,
    firstGrantQuantity: plan.firstGrantQuantity,
    by: query.by,
    version: query.version,
    asOf,
    currency: "CNY",
    // Draft first, then the grant resolutions in date order, as the page lists them.
    measurements: measurements
      .map(measurementDto)
      .sort((a, b) =>
        a.kind === b.kind ? (a.valuationDate < b.valuationDate ? -1 : 1) : a.kind === "draft_projection" ? -1 : 1,
      ),
    columns,
    lines: lineDtos(lines, asOf),
    unmeasuredBatches: lines.unmeasuredBatches,
    missingTerms: lines.missingTerms,
    categories: plan.categories.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      termMonths: [...new Set(c.arrangement.map((a) => a.startMonths))],
    })),
    batches: plan.batches,
    planTextTable:
      lines.lines.length === 0
        ? null
        : planTextExpenseTable(
            lines.lines.reduce((sum, l) => sum + l.sharesGranted, 0),
            allMonths(lines),
          ),
    ...expenseTotals(monthsByColumn(lines), query.by, asOf),
  };
}

/** GET /api/v1/expense and the company finance page: the current estimate of every plan, one column per plan. */
export async function companyExpense(db: Database, query: { by: ExpenseGrain }): Promise<CompanyExpenseDto> {
  await ensureDerivedToday(db);
  const plans = await loadExpensePlans(db, null);
  const { measurements, facts } = await linesOf(db, plans);
  const asOf = today();
  const perPlan = plans.map((p) => ({ plan: p, lines: grantExpenseLines(p, measurements, facts) }));
  const columns = new Map(perPlan.map(({ plan, lines }) => [plan.id, allMonths(lines)]));
  const totals = expenseTotals(columns, query.by, asOf);
  return {
    by: query.by,
    asOf,
    currency: "CNY",
    plans: perPlan.map(({ plan, lines }) => {
      const t = expenseTotals(new Map([[plan.id, allMonths(lines)]]), "year", asOf);
      return {
        planId: plan.id,
        name: plan.name,
        nameEn: plan.nameEn,
        total: t.total,
        recognised: t.recognised,
        unmeasuredBatches: lines.unmeasuredBatches.length,
      };
    }),
    ...totals,
  };
}

/** The finance page of one plan: finance, hr, admin and auditors; null for an unknown plan. */
export async function planExpensePage(planId: string, query: { by: ExpenseGrain; version: "current" | "draft" }) {
  await requireUser(...FINANCE_READ_ROLES);
  if (!isUuid(planId)) return null;
  try {
    return await planExpense(await database(), planId, query);
  } catch (e) {
    if (e instanceof ApiError && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

/** The company finance page. */
export async function companyExpensePage(query: { by: ExpenseGrain }) {
  await requireUser(...FINANCE_READ_ROLES);
  return companyExpense(await database(), query);
}
