import { date, index, jsonb, numeric, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { fairValueKindEnum } from "./enums";
import { grantBatches } from "./grant";
import { plans } from "./plan";

/** Volatility and risk-free rate for one term (months from the grant to a tranche's first vesting date), as fractions. */
export interface FairValueTerm {
  months: number;
  volatility: string;
  riskFreeRate: string;
}

/** Shares a draft projection assumes for one participant category. */
export interface ProjectedQuantity {
  categoryId: string;
  quantity: number;
}

/**
 * The Black–Scholes inputs of one fair-value measurement, kept exactly as entered. Never updated: a
 * correction is a new row, and the newest row per (plan, kind, grant batch) is the one in force, so the
 * earlier figures stay readable.
 */
export const fairValueMeasurements = pgTable(
  "fair_value_measurements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    /** The grant resolution measured; null for the plan draft's projection. */
    grantBatchId: uuid("grant_batch_id").references(() => grantBatches.id),
    kind: fairValueKindEnum("kind").notNull(),
    /** The grant date, or the grant date a draft projection assumes. */
    valuationDate: date("valuation_date").notNull(),
    sharePrice: numeric("share_price", { precision: 12, scale: 2 }).notNull(),
    grantPrice: numeric("grant_price", { precision: 12, scale: 2 }).notNull(),
    dividendYield: numeric("dividend_yield", { precision: 9, scale: 6 }).notNull().default("0"),
    terms: jsonb("terms").$type<FairValueTerm[]>().notNull(),
    /** Draft projections only: the shares assumed per category. */
    quantities: jsonb("quantities").$type<ProjectedQuantity[]>(),
    /** "monthly" or "daily" (see lib/domain/expense/expenseSchedule.ts). */
    convention: text("convention").notNull().default("monthly"),
    /** Where the price, volatilities and rates come from, as the announcement states it. */
    source: text("source"),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("fair_value_measurements_plan_idx").on(t.planId, t.recordedAt)],
);
