import "server-only";
import { addMonthsClamped } from "@/lib/domain/calendar/isoDate";
import { fairValuePerShare } from "@/lib/domain/expense/blackScholes";
import { trancheExpenseByMonth, type ExpenseTranche, type MonthlyAmount } from "@/lib/domain/expense/expenseSchedule";
import { lapseReversesExpense } from "@/lib/domain/expense/forfeiture";
import { trancheOutcomeDate } from "@/lib/domain/registers/trancheOutcomeDate";
import { splitTrancheQuantities } from "@/lib/domain/vesting/trancheQuantities";
import type { ExpensePlan, StoredMeasurement, TrancheLapseFacts } from "@/lib/features/expense/expenseFacts";

/** One tranche line of an expense table: what is expensed, at which value, over which months. */
export interface ExpenseLine {
  key: string;
  /** The grant resolution; null in a draft projection. */
  batchId: string | null;
  batch: "first" | "reserved" | "draft";
  measurementId: string;
  grantDate: string;
  categoryCode: number;
  categoryName: string;
  categoryNameEn: string;
  trancheIndex: number;
  serviceMonths: number;
  /** The tranche's first vesting date, where its service period ends. */
  serviceEnd: string;
  fairValue: string;
  sharesGranted: number;
  /** Shares still expected to vest: granted less the lapses that reverse expense. */
  sharesExpected: number;
  convention: "monthly" | "daily";
}

/** Lines and their monthly amounts, before they are summed into periods. */
export interface ExpenseLines {
  lines: ExpenseLine[];
  months: Map<string, MonthlyAmount[]>;
  /** Grant resolutions without a measurement in force: not expensed, never guessed. */
  unmeasuredBatches: { batchId: string; batch: "first" | "reserved"; grantDate: string }[];
  /** Terms a tranche needs that its measurement lacks (an arrangement edited after the measurement). */
  missingTerms: { measurementId: string; months: number }[];
}

type Category = ExpensePlan["categories"][number];

/**
 * The fair value per share of one term of a measurement: the stored inputs (decimal strings) as the
 * model takes them, T being the term in years. The one place a measurement's inputs meet the model.
 */
export function termFairValue(
  prices: { sharePrice: string; grantPrice: string; dividendYield: string },
  term: { months: number; volatility: string; riskFreeRate: string },
): string {
  return fairValuePerShare({
    sharePrice: Number(prices.sharePrice),
    grantPrice: Number(prices.grantPrice),
    years: term.months / 12,
    volatility: Number(term.volatility),
    riskFreeRate: Number(term.riskFreeRate),
    dividendYield: Number(prices.dividendYield),
  });
}

function fairValues(m: StoredMeasurement): Map<number, string> {
  return new Map(m.terms.map((t) => [t.months, termFairValue(m, t)]));
}

function emptyLines(): ExpenseLines {
  return { lines: [], months: new Map(), unmeasuredBatches: [], missingTerms: [] };
}

function addLine(out: ExpenseLines, line: ExpenseLine, forfeitures: ExpenseTranche["forfeitures"]): void {
  const tranche: ExpenseTranche = {
    key: line.key,
    grantDate: line.grantDate,
    serviceMonths: line.serviceMonths,
    fairValue: line.fairValue,
    shares: line.sharesGranted,
    forfeitures,
  };
  out.lines.push(line);
  out.months.set(line.key, trancheExpenseByMonth(tranche, line.convention));
}

function lineBase(m: StoredMeasurement, c: Category, a: Category["arrangement"][number], fv: string) {
  return {
    measurementId: m.id,
    grantDate: m.valuationDate,
    categoryCode: c.code,
    categoryName: c.name,
    categoryNameEn: c.nameEn,
    trancheIndex: a.trancheIndex,
    serviceMonths: a.startMonths,
    serviceEnd: addMonthsClamped(m.valuationDate, a.startMonths),
    fairValue: fv,
    convention: m.convention,
  };
}

/**
 * The current estimate: every grant resolution with a measurement in force, each tranche on the shares
 * granted less the lapses that reverse expense (lapseReversesExpense), each lapse on the date it took
 * effect (the same date the registers show).
 */
export function grantExpenseLines(
  plan: ExpensePlan,
  measurements: readonly StoredMeasurement[],
  facts: readonly TrancheLapseFacts[],
): ExpenseLines {
  const out = emptyLines();
  for (const b of plan.batches) {
    const m = measurements.find((x) => x.kind === "grant" && x.grantBatchId === b.id);
    if (!m) {
      out.unmeasuredBatches.push({ batchId: b.id, batch: b.batch, grantDate: b.grantDate });
      continue;
    }
    const values = fairValues(m);
    for (const c of plan.categories) {
      for (const a of c.arrangement) {
        const rows = facts.filter(
          (f) => f.batchId === b.id && f.categoryId === c.id && f.trancheIndex === a.trancheIndex,
        );
        if (rows.length === 0) continue;
        const fv = values.get(a.startMonths);
        if (fv === undefined) {
          out.missingTerms.push({ measurementId: m.id, months: a.startMonths });
          continue;
        }
        const forfeitures = rows
          .filter((r) => r.lapsed > 0 && lapseReversesExpense(r.lapseReason))
          .map((r) => ({
            shares: r.lapsed,
            // Only leaver, appraisal and voided-batch lapses get here, whose dates need neither the plan's validity
            // nor its first grant; a voided batch (no date here) is reversed from its measurement on: it never vested.
            date:
              trancheOutcomeDate(
                { status: "lapsed", ...r },
                { leaveDate: r.leaveDate, planFirstGrantDate: null, validityMonths: 0 },
              ) ?? m.valuationDate,
          }));
        const granted = rows.reduce((s, r) => s + r.planned, 0);
        addLine(
          out,
          {
            ...lineBase(m, c, a, fv),
            key: `${b.id}:${c.code}:${a.trancheIndex}`,
            batchId: b.id,
            batch: b.batch,
            sharesGranted: granted,
            sharesExpected: Math.max(0, granted - forfeitures.reduce((s, f) => s + f.shares, 0)),
          },
          forfeitures,
        );
      }
    }
  }
  return out;
}

/** The plan draft's projection (预测算): the assumed shares per category split by the arrangement, nothing lapsed. */
export function draftExpenseLines(plan: ExpensePlan, draft: StoredMeasurement | undefined): ExpenseLines {
  const out = emptyLines();
  if (!draft) return out;
  const values = fairValues(draft);
  for (const c of plan.categories) {
    const quantity = draft.quantities?.find((q) => q.categoryId === c.id)?.quantity ?? 0;
    if (quantity === 0 || c.arrangement.length === 0) continue;
    const split = splitTrancheQuantities(
      quantity,
      c.arrangement.map((a) => a.ratio),
    );
    c.arrangement.forEach((a, i) => {
      const fv = values.get(a.startMonths);
      if (fv === undefined) {
        out.missingTerms.push({ measurementId: draft.id, months: a.startMonths });
        return;
      }
      addLine(
        out,
        {
          ...lineBase(draft, c, a, fv),
          key: `draft:${c.code}:${a.trancheIndex}`,
          batchId: null,
          batch: "draft",
          sharesGranted: split[i]!,
          sharesExpected: split[i]!,
        },
        [],
      );
    });
  }
  return out;
}
