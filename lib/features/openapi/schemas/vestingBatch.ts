import "server-only";
import { z } from "zod";
import { VESTING_BATCH_STATUSES } from "@/lib/features/vesting-batches/batchDto";
import { isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('Yuan with 2 decimals, "59040.00".');
const price = z.string().regex(/^\d+\.\d{2,4}$/);
const status = z.enum(VESTING_BATCH_STATUSES);
const taxStatus = z.enum(["computed", "non_resident", "no_price", "outside_separate_taxation"]);

/** VestingBatchSummary (lib/features/vesting-batches/queries.ts). */
export const vestingBatchSummarySchema = z.object({
  id: rowId,
  planId: rowId,
  batchNo: z.number().int().positive(),
  status,
  registrationDate: isoDay,
  paymentStart: isoDay,
  paymentDeadline: isoDay,
  listingDate: isoDay.nullable(),
});

const lineSchema = z.object({
  lineId: rowId,
  grantId: rowId,
  personId: rowId,
  employeeNo: z.string(),
  name: z.string(),
  isDirector: z.boolean(),
  isSeniorManager: z.boolean(),
  grantBatchId: rowId,
  categoryId: rowId,
  trancheIndex: z.number().int(),
  shares: wholeNumber,
  adjustedPrice: price,
  amountDue: money,
  reference: z.string(),
  paid: money,
  paidShares: wholeNumber.nullable(),
  waivedShares: wholeNumber.nullable(),
  refund: money.nullable(),
  closingPrice: price.nullable(),
  taxableIncome: money.nullable(),
  tax: money.nullable(),
  taxStatus: taxStatus.nullable(),
  yearToDateIncome: money.nullable(),
  yearToDateTax: money.nullable(),
  taxDeferralEnd: isoDay.nullable(),
  securitiesAccount: z.string().nullable(),
});

/** VestingBatchDto (lib/features/vesting-batches/batchDto.ts). */
export const vestingBatchSchema = z.object({
  id: rowId,
  planId: rowId,
  planName: z.string(),
  issuerId: rowId,
  issuerName: z.string(),
  stockCode: z.string(),
  parValue: price,
  batchNo: z.number().int().positive(),
  status,
  registrationDate: isoDay,
  paymentStart: isoDay,
  paymentDeadline: isoDay,
  payeeName: z.string(),
  payeeBank: z.string(),
  payeeAccount: z.string(),
  referenceTemplate: z.string(),
  shareSource: z.enum(["new_issue", "buyback"]),
  listingDate: isoDay.nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  periods: z.array(
    z.object({
      grantBatchId: rowId,
      grantBatchKind: z.string(),
      grantDate: isoDay,
      categoryId: rowId,
      categoryLabel: z.string(),
      trancheIndex: z.number().int(),
      vestingRunId: rowId.nullable(),
      companyRatio: z.string().nullable(),
      fiscalYear: z.number().int().nullable(),
    }),
  ),
  lines: z.array(lineSchema),
  totals: z.object({
    people: wholeNumber,
    shares: wholeNumber,
    amountDue: money,
    paid: money,
    paidShares: wholeNumber.nullable(),
    waivedShares: wholeNumber.nullable(),
    refund: money.nullable(),
    tax: money.nullable(),
  }),
});

/** StatementPreview (lib/features/vesting-batches/statementImport.ts). */
export const statementPreviewSchema = z.object({
  fileName: z.string(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      reference: z.string().nullable(),
      employeeNo: z.string().nullable(),
      amount: z.string(),
      date: z.string(),
      transactionId: z.string().nullable(),
      name: z.string().nullable(),
      matched: z.boolean(),
    }),
  ),
  errors: z.array(
    z.object({
      line: z.number().int(),
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  matched: z.object({ rows: wholeNumber, amount: money }),
  applied: z.boolean(),
});

/** A payment recorded by hand (lib/features/vesting-batches/recordPayment.ts). */
export const recordedPaymentSchema = z.object({ id: rowId, employeeNo: z.string(), paid: money, due: money });

/** MyVestingBatch (lib/features/vesting-batches/personBatches.ts), loosely: the tax lines carry the engine's figures. */
export const myVestingBatchSchema = z.object({
  id: rowId,
  planName: z.string(),
  planNameEn: z.string(),
  batchNo: z.number().int(),
  status,
  registrationDate: isoDay,
  paymentStart: isoDay,
  paymentDeadline: isoDay,
  listingDate: isoDay.nullable(),
  payeeName: z.string(),
  payeeBank: z.string(),
  payeeAccount: z.string(),
  reference: z.string(),
  shares: wholeNumber,
  amountDue: money,
  paid: money,
  outstanding: money,
  paidShares: wholeNumber.nullable(),
  waivedShares: wholeNumber.nullable(),
  refund: money.nullable(),
  lines: z.array(
    z.object({ lineId: rowId, trancheIndex: z.number().int(), shares: wholeNumber, amountDue: money }).loose(),
  ),
  tax: z.object({
    final: z.boolean(),
    resident: z.boolean(),
    assumedPrice: z.string().nullable(),
    latestPrice: z.object({ tradeDate: isoDay, close: z.string() }).nullable(),
    lines: z.array(z.object({ lineId: rowId, status: z.enum(["computed", "not_computed"]) }).loose()),
    total: money.nullable(),
  }),
  transfer: z.object({ limited: z.boolean(), tradableFrom: isoDay, upToThisYear: wholeNumber }).loose().nullable(),
});
