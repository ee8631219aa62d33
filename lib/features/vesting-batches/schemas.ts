import "server-only";
import { z } from "zod";
import { employeeNumber, isoDate, text, uuid } from "@/lib/platform/validation/common";

/** A tranche period the batch covers: "first", "reserved" or a grant batch id; category; tranche no. */
export const batchPeriodSchema = z.object({
  batch: z.union([z.enum(["first", "reserved"]), uuid]),
  categoryId: uuid,
  trancheIndex: z.number().int().min(1).max(20),
});

/** Body of POST /api/v1/plans/{planId}/vesting-batches: a draft batch. */
export const createVestingBatchBody = z.object({
  periods: z.array(batchPeriodSchema).min(1).max(50),
  registrationDate: isoDate.describe("Planned registration (vesting) date: a permissible vesting day."),
  paymentStart: isoDate,
  paymentDeadline: isoDate,
  payeeName: text().min(1).max(200),
  payeeBank: text().min(1).max(200),
  payeeAccount: z
    .string()
    .trim()
    .regex(/^[0-9][0-9 -]{5,40}[0-9]$/, { message: "Expected a bank account number (digits, spaces or dashes)." }),
  referenceTemplate: text()
    .min(1)
    .max(100)
    .default("VD{batchNo}-{employeeNo}")
    .describe("What each grantee writes on the transfer; placeholders {employeeNo} {name} {batchNo}."),
  shareSource: z.enum(["new_issue", "buyback"]).default("new_issue"),
});
export type CreateVestingBatchInput = z.infer<typeof createVestingBatchBody>;

/** Body of POST /api/v1/vesting-batches/{batchId}/payments: one payment HR received. */
export const recordPaymentBody = z.object({
  employeeNo: employeeNumber,
  amount: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d{1,2})?$/, { message: 'Expected yuan with at most 2 decimals, e.g. "59040.00".' })
    .describe("Yuan; a negative amount corrects an earlier entry."),
  paidOn: isoDate,
  transactionId: text().max(100).optional(),
});
export type RecordPaymentInput = z.infer<typeof recordPaymentBody>;

/** Body of POST /api/v1/vesting-batches/{batchId}/statement: a bank statement, previewed or applied. */
export const statementImportBody = z.object({
  fileName: text().max(200).default("statement.csv"),
  /** CSV text, or an XLSX workbook in base64. */
  content: z.string().min(1).max(14_000_000),
  format: z.enum(["csv", "xlsx"]).default("csv"),
  apply: z.boolean().optional().describe("true records every row when nothing is wrong (201); else a preview."),
});
export type StatementImportInput = z.infer<typeof statementImportBody>;

/** Body of POST /api/v1/vesting-batches/{batchId}/registration. */
export const registerBatchBody = z.object({
  listingDate: isoDate.describe("The day the vested shares list (上市流通日)."),
});
export type RegisterBatchInput = z.infer<typeof registerBatchBody>;

/** Body of PUT /api/v1/vesting-batches/{batchId}/lines/{lineId}/tax-deferral. */
export const taxDeferralBody = z.object({
  deferred: z.boolean().describe("The grantee chose to pay the tax in instalments (up to 36 months)."),
});
export type TaxDeferralInput = z.infer<typeof taxDeferralBody>;

/** Body of PUT /api/v1/plans/{planId}/registrar-layout: the registrar list's column order. */
export const registrarLayoutBody = z.object({
  columns: z.array(z.string().min(1).max(40)).min(1).max(20),
});

/** Path parameters. */
export const batchParams = z.object({ batchId: uuid });
export const lineParams = z.object({ batchId: uuid, lineId: uuid });
