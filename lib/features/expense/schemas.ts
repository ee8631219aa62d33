import "server-only";
import { z } from "zod";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";

/** A price in yuan with at most 2 decimals, as a string: stored as numeric(12,2), so more decimals are refused, not rounded. */
// Up to 999,999.99 yuan: far above any A-share price, and small enough that shares × value in fen stays exact.
const price = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, { message: 'Expected yuan up to 999999.99 with at most 2 decimals, e.g. "23.70".' })
  .refine((v) => Number(v) > 0, { message: "Must be above 0." });
/** A rate as a fraction with at most 6 decimals ("0.2042" for 20.42 %). */
const rate = z
  .string()
  .regex(/^-?\d(\.\d{1,6})?$/, { message: 'Expected a fraction with at most 6 decimals, e.g. "0.2042" for 20.42 %.' });

/** Volatility and risk-free rate for one term: months from the grant to the first vesting date of the tranches with that term. */
export const fairValueTermSchema = z.object({
  months: z.number().int().min(1).max(120),
  volatility: rate.refine((v) => Number(v) > 0 && Number(v) <= 5, {
    message: "Volatility must be above 0 and at most 5 (500 %).",
  }),
  riskFreeRate: rate.refine((v) => Number(v) >= -0.1 && Number(v) <= 1, {
    message: "The risk-free rate must lie in [−0.1, 1].",
  }),
});

const common = {
  sharePrice: price.describe("Closing price on the (assumed) grant date, S."),
  dividendYield: rate
    .refine((v) => Number(v) >= 0 && Number(v) < 1, { message: "The dividend yield must lie in [0, 1)." })
    .default("0")
    .describe("Dividend yield q as a fraction; 0 by default."),
  terms: z.array(fairValueTermSchema).min(1).max(12).describe("One entry per distinct term of the plan's tranches."),
  convention: z
    .enum(["monthly", "daily"])
    .default("monthly")
    .describe("How each tranche's expense is spread over its months."),
  source: text().max(500).optional().describe("Where S, σ and r come from, as the announcement states it."),
};

/**
 * Body of POST /api/v1/plans/{planId}/fair-values. kind "grant": the formal measurement of one grant
 * resolution (the valuation date is its grant date and K its grant price). kind "draft_projection": the
 * plan draft's 预测算, on an assumed grant date and price, with the shares assumed per category.
 */
export const fairValueMeasurementBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("grant"), grantBatchId: uuid, ...common }),
  z.object({
    kind: z.literal("draft_projection"),
    valuationDate: isoDate.describe("The grant date the projection assumes."),
    grantPrice: price.describe("The grant price K the draft proposes."),
    quantities: z
      .array(z.object({ categoryId: uuid, quantity: z.number().int().min(0).max(10_000_000_000) }))
      .min(1)
      .max(20)
      .describe("Shares assumed per participant category."),
    ...common,
  }),
]);
export type FairValueMeasurementInput = z.infer<typeof fairValueMeasurementBody>;

/** Query of the expense endpoints: the grain, which version, and JSON or a download. */
export const expenseQuerySchema = z.object({
  by: z.enum(["month", "quarter", "year"]).default("year"),
  version: z
    .enum(["current", "draft"])
    .default("current")
    .describe("current: grant measurements re-estimated for lapses; draft: the plan draft's projection."),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
});
export type ExpenseQuery = z.infer<typeof expenseQuerySchema>;

/** Query of the company-wide endpoint: the grain and JSON or a download. */
export const companyExpenseQuerySchema = expenseQuerySchema.omit({ version: true });
