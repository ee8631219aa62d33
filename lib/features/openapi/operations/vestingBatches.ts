import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { uuid } from "@/lib/platform/validation/common";
import {
  batchParams,
  createVestingBatchBody,
  lineParams,
  recordPaymentBody,
  registerBatchBody,
  statementImportBody,
  taxDeferralBody,
} from "@/lib/features/vesting-batches/schemas";
import {
  recordedPaymentSchema,
  statementPreviewSchema,
  vestingBatchSchema,
  vestingBatchSummarySchema,
} from "@/lib/features/openapi/schemas/vestingBatch";

const tags = ["Vesting batches"];
const planParams = z.object({ planId: uuid });
const notFound = { description: "No such batch (NOT_FOUND)." };
const wrongStep = {
  description: "The batch is not at the step this needs (VESTING_BATCH_STATUS, with status and expected).",
};

/** A status step: POST with no body, answering the batch as it now stands. */
function step(operationId: string, path: string, summary: string, refusals: Record<number, { description: string }>) {
  return {
    method: "post",
    path: `/api/v1/vesting-batches/{batchId}/${path}`,
    operationId,
    summary,
    tags,
    access: "staffWrite",
    params: batchParams,
    responses: {
      200: { description: "Done: the batch at its new status.", schema: vestingBatchSchema },
      404: notFound,
      409: wrongStep,
      ...refusals,
    },
  } satisfies ApiOperation;
}

/** Vesting batches (归属批次, issue #16): from conditions to the announcement, each step audited. */
export const vestingBatchOperations = {
  listVestingBatches: {
    method: "get",
    path: "/api/v1/plans/{planId}/vesting-batches",
    operationId: "listVestingBatches",
    summary: "Lists a plan's vesting batches, newest first",
    tags,
    access: "staffRead",
    params: planParams,
    responses: {
      200: { description: "The batches.", schema: z.object({ items: z.array(vestingBatchSummarySchema) }) },
    },
  },
  createVestingBatch: {
    method: "post",
    path: "/api/v1/plans/{planId}/vesting-batches",
    operationId: "createVestingBatch",
    summary: "Opens a draft vesting batch: tranche periods, registration date, payment window, account and reference",
    tags,
    access: "staffWrite",
    params: planParams,
    body: createVestingBatchBody,
    responses: {
      201: { description: "The draft batch.", schema: vestingBatchSchema },
      400: { description: "Invalid body or a period listed twice (BAD_REQUEST)." },
      404: { description: "No such plan, grant batch, category or tranche (NOT_FOUND)." },
      409: { description: "A period is already in another batch (VESTING_BATCH_PERIOD_TAKEN)." },
      422: {
        description:
          "The registration date is not a permissible vesting day for a period (NOT_TRADING_DAY, IN_BLACKOUT, OUTSIDE_WINDOW, …, " +
          "each with its period), the payment window is invalid (PAYMENT_WINDOW_INVALID, PAYMENT_AFTER_REGISTRATION) or the " +
          "reference template is (REFERENCE_TEMPLATE_INVALID); every violation in details.violations.",
      },
    },
  },
  getVestingBatch: {
    method: "get",
    path: "/api/v1/vesting-batches/{batchId}",
    operationId: "getVestingBatch",
    summary: "One vesting batch with its periods, lines (shares, price, amount due, paid, tax) and totals",
    tags,
    access: "staffRead",
    params: batchParams,
    responses: { 200: { description: "The batch.", schema: vestingBatchSchema }, 404: notFound },
  },
  confirmVestingBatchConditions: step(
    "confirmVestingBatchConditions",
    "conditions",
    "Confirms the conditions: fixes the vesting list from each period's vesting run on the registration date",
    {
      422: {
        description:
          "A period has no vesting run on the registration date (VESTING_BATCH_RUN_MISSING) or nobody may vest (VESTING_BATCH_EMPTY).",
      },
    },
  ),
  openVestingBatchPayment: step(
    "openVestingBatchPayment",
    "payment/open",
    "Opens the payment: each grantee gets a notice and an e-mail with the amount, account, reference and deadline",
    {},
  ),
  closeVestingBatchPayment: step(
    "closeVestingBatchPayment",
    "payment/close",
    "Closes the payment at or after the deadline: only paid shares vest, the rest lapse as waived (放弃)",
    { 422: { description: "Before the deadline (PAYMENT_DEADLINE_NOT_REACHED)." } },
  ),
  registerVestingBatch: {
    ...step(
      "registerVestingBatch",
      "registration",
      "Records the registration and listing date; fixes each line's income tax from the registration day's closing price",
      {
        422: {
          description:
            "The listing date is not a trading day on or after registration (LISTING_DATE_INVALID) or the closing price of the " +
            "registration date is missing (CLOSING_PRICE_MISSING).",
        },
      },
    ),
    body: registerBatchBody,
  },
  announceVestingBatch: step(
    "announceVestingBatch",
    "announcement",
    "Records that the vesting result and listing announcement was published",
    {},
  ),
  recordVestingPayment: {
    method: "post",
    path: "/api/v1/vesting-batches/{batchId}/payments",
    operationId: "recordVestingPayment",
    summary: "Records one payment received (a negative amount corrects an earlier one)",
    tags,
    access: "staffWrite",
    params: batchParams,
    body: recordPaymentBody,
    responses: {
      201: { description: "Recorded: the person's total paid and due.", schema: recordedPaymentSchema },
      404: notFound,
      409: wrongStep,
      422: {
        description:
          "Not in the batch (PAYMENT_NOT_FOUND_LINE), dated after the deadline or today (PAYMENT_AFTER_DEADLINE, PAYMENT_IN_FUTURE), " +
          "a transaction id already recorded (PAYMENT_DUPLICATE_ROW), more than due (PAYMENT_OVERPAID) or a correction below nothing " +
          "(PAYMENT_NEGATIVE_TOTAL).",
      },
    },
  },
  importVestingStatement: {
    method: "post",
    path: "/api/v1/vesting-batches/{batchId}/statement",
    operationId: "importVestingStatement",
    summary: "Matches a bank statement (CSV, or XLSX in base64) to the grantees: a preview, or applied all or nothing",
    tags,
    access: "staffWrite",
    params: batchParams,
    body: statementImportBody,
    responses: {
      200: { description: "Preview: every row's match and every problem.", schema: statementPreviewSchema },
      201: { description: "Applied: every matched row recorded.", schema: statementPreviewSchema },
      400: { description: "Unreadable file or missing columns (BAD_REQUEST, MISSING_COLUMNS)." },
      404: notFound,
      409: wrongStep,
      422: {
        description:
          "apply with a problem left: the first row's code (PAYMENT_DUPLICATE_ROW, PAYMENT_UNKNOWN_REFERENCE, PAYMENT_OVERPAID, …), " +
          "every problem with its line in details.violations; nothing recorded.",
      },
    },
  },
  setVestingTaxDeferral: {
    method: "put",
    path: "/api/v1/vesting-batches/{batchId}/lines/{lineId}/tax-deferral",
    operationId: "setVestingTaxDeferral",
    summary: "Records that a grantee pays the tax of a registered line in instalments (up to 36 months), or not",
    tags,
    access: "staffWrite",
    params: lineParams,
    body: taxDeferralBody,
    responses: {
      200: {
        description: "The deferral end date, or null.",
        schema: z.object({ lineId: z.uuid(), taxDeferralEnd: z.iso.date().nullable() }),
      },
      404: { description: "No such batch or line (NOT_FOUND)." },
      409: wrongStep,
      422: { description: "No computed positive tax or no policy on the date (TAX_DEFERRAL_UNAVAILABLE)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(vestingBatchOperations);
