import "server-only";
import { z } from "zod";
import { isoDay, isoInstant, rowId } from "@/lib/features/openapi/schemas/primitives";

/** Signed yuan with 2 decimals as text ("-1234.05"): a catch-up reversal is negative. */
const yuan = z.string().regex(/^-?\d+\.\d{2}$/);
const grain = z.enum(["month", "quarter", "year"]);
const periodRow = z.object({
  period: z.string().describe('"2025" (year), "2025Q2" (quarter) or "2025-04" (month).'),
  amount: yuan,
  byColumn: z.record(z.string(), yuan).describe('Per grant resolution id (or "draft"; per plan id company-wide).'),
});
const totals = {
  periods: z.array(periodRow),
  total: yuan,
  recognised: yuan.describe("Booked through the end of the current month."),
  unrecognised: yuan,
};

/** A measurement in force, as GET /api/v1/plans/{planId}/expense lists it. */
export const fairValueMeasurementSchema = z.object({
  id: rowId,
  planId: rowId,
  grantBatchId: rowId.nullable(),
  kind: z.enum(["draft_projection", "grant"]),
  valuationDate: isoDay,
  sharePrice: z.string(),
  grantPrice: z.string(),
  dividendYield: z.string(),
  convention: z.enum(["monthly", "daily"]),
  source: z.string().nullable(),
  recordedAt: isoInstant,
  quantities: z.array(z.object({ categoryId: rowId, quantity: z.number().int() })).nullable(),
  terms: z.array(
    z.object({
      months: z.number().int(),
      volatility: z.string(),
      riskFreeRate: z.string(),
      fairValue: z.string().describe("Black–Scholes value per share, rounded to the fen."),
    }),
  ),
});

/** The answer of POST /api/v1/plans/{planId}/fair-values. */
export const fairValueRecordedSchema = fairValueMeasurementSchema.omit({ terms: true }).extend({
  terms: z.array(z.object({ months: z.number().int(), volatility: z.string(), riskFreeRate: z.string() })),
  fairValues: z.array(z.object({ months: z.number().int(), fairValue: z.string() })),
});

/** GET /api/v1/plans/{planId}/expense. */
export const planExpenseSchema = z.object({
  planId: rowId,
  planName: z.string(),
  planNameEn: z.string(),
  planStatus: z.string(),
  firstGrantQuantity: z.number().int(),
  by: grain,
  version: z.enum(["current", "draft"]),
  asOf: isoDay,
  currency: z.literal("CNY"),
  measurements: z.array(fairValueMeasurementSchema),
  columns: z.array(z.object({ id: z.string(), batch: z.enum(["first", "reserved", "draft"]), grantDate: isoDay })),
  lines: z.array(
    z.object({
      key: z.string(),
      batchId: rowId.nullable(),
      batch: z.enum(["first", "reserved", "draft"]),
      measurementId: rowId,
      grantDate: isoDay,
      categoryCode: z.number().int(),
      categoryName: z.string(),
      categoryNameEn: z.string(),
      trancheIndex: z.number().int(),
      serviceMonths: z.number().int(),
      serviceEnd: isoDay,
      fairValue: z.string(),
      sharesGranted: z.number().describe("In grant-date units (before bonus issues and splits)."),
      sharesExpected: z.number().describe("Granted less the leaver and appraisal lapses."),
      convention: z.enum(["monthly", "daily"]),
      total: yuan,
      recognised: yuan,
    }),
  ),
  unmeasuredBatches: z.array(z.object({ batchId: rowId, batch: z.enum(["first", "reserved"]), grantDate: isoDay })),
  missingTerms: z.array(z.object({ measurementId: rowId, months: z.number().int() })),
  categories: z.array(
    z.object({
      id: rowId,
      code: z.number().int(),
      name: z.string(),
      nameEn: z.string(),
      termMonths: z.array(z.number()),
    }),
  ),
  batches: z.array(
    z.object({ id: rowId, batch: z.enum(["first", "reserved"]), grantDate: isoDay, grantPrice: z.string() }),
  ),
  planTextTable: z
    .object({
      sharesTenThousand: z.string(),
      total: z.string(),
      years: z.array(z.object({ year: z.string(), amount: z.string() })),
    })
    .nullable()
    .describe("The same figures as plan texts print them: 万股 and 万元."),
  ...totals,
});

/** GET /api/v1/expense. */
export const companyExpenseSchema = z.object({
  by: grain,
  asOf: isoDay,
  currency: z.literal("CNY"),
  plans: z.array(
    z.object({
      planId: rowId,
      name: z.string(),
      nameEn: z.string(),
      total: yuan,
      recognised: yuan,
      unmeasuredBatches: z.number().int(),
    }),
  ),
  ...totals,
});
