import "server-only";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import {
  companyExpenseQuerySchema,
  expenseQuerySchema,
  fairValueMeasurementBody,
} from "@/lib/features/expense/schemas";
import {
  companyExpenseSchema,
  fairValueRecordedSchema,
  planExpenseSchema,
} from "@/lib/features/openapi/schemas/expense";
import { planParams } from "@/lib/features/openapi/schemas/params";

const tags = ["Share-based payment"];
const files =
  "format=csv: text/csv (UTF-8 with BOM); format=xlsx: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.";

/** The share-based payment expense (股份支付): fair-value measurements and the amortisation tables. */
export const expenseOperations = {
  getPlanExpense: {
    method: "get",
    path: "/api/v1/plans/{planId}/expense",
    operationId: "getPlanExpense",
    summary: "A plan's share-based payment expense by month, quarter or year (current estimate or draft projection)",
    tags,
    access: "financeRead",
    params: planParams,
    query: expenseQuerySchema,
    responses: {
      200: {
        description:
          "version=current: each grant resolution with a measurement, each tranche expensed straight-line over its own " +
          "service period (graded vesting), re-estimated for leaver and appraisal lapses with the catch-up in the month " +
          "the lapse took effect. version=draft: the plan draft's projection. Batches without a measurement are listed, " +
          `not expensed. ${files} (the draft as plan texts print it, in 万元).`,
        schema: planExpenseSchema,
      },
      400: { description: "Invalid query (BAD_REQUEST)." },
      404: { description: "No such plan, or not a UUID (NOT_FOUND)." },
    },
  },
  recordFairValue: {
    method: "post",
    path: "/api/v1/plans/{planId}/fair-values",
    operationId: "recordFairValue",
    summary: "Records the Black–Scholes inputs of a grant resolution or of the plan draft's projection",
    tags,
    access: "financeWrite",
    params: planParams,
    body: fairValueMeasurementBody,
    responses: {
      201: {
        description: "Recorded, with the fair value per share for each term; it supersedes the one before.",
        schema: fairValueRecordedSchema,
      },
      400: { description: "Invalid body, or a term given twice (BAD_REQUEST)." },
      404: { description: "No such plan (NOT_FOUND)." },
      422: {
        description:
          "A term the plan's tranches use is missing, inputs out of range, the batch belongs to another plan, or the " +
          "assumed quantities exceed the plan (FAIR_VALUE_TERMS_MISSING, INVALID_FAIR_VALUE_INPUTS, " +
          "FAIR_VALUE_BATCH_OTHER_PLAN, FAIR_VALUE_CATEGORY_UNKNOWN, FAIR_VALUE_QUANTITY_EXCEEDS_PLAN).",
      },
    },
  },
  getCompanyExpense: {
    method: "get",
    path: "/api/v1/expense",
    operationId: "getCompanyExpense",
    summary: "The company's share-based payment expense across plans, by month, quarter or year",
    tags,
    access: "financeRead",
    query: companyExpenseQuerySchema,
    responses: {
      200: { description: `One column per plan (current estimates). ${files}`, schema: companyExpenseSchema },
      400: { description: "Invalid query (BAD_REQUEST)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(expenseOperations);
