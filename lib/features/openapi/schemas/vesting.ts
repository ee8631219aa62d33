import "server-only";
import { z } from "zod";
import { grantBatchKindEnum } from "@/db/schema/enums";
import { decimalText, isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

/** VestingRunPreview: what a run would record, one row per grantee of the batch and category. */
export const vestingRunPreviewSchema = z.object({
  planId: rowId,
  batchId: rowId,
  categoryId: rowId,
  trancheIndex: z.number().int(),
  vestingDate: isoDay,
  window: z.object({ open: isoDay.nullable(), close: isoDay.nullable() }),
  companyRatio: decimalText,
  fiscalYear: z.number().int(),
  rows: z.array(
    z.object({
      grantId: rowId,
      employeeNo: z.string(),
      name: z.string(),
      grade: z.string().nullable(),
      planned: wholeNumber,
      individualRatio: decimalText.nullable(),
      vested: wholeNumber,
      lapsed: wholeNumber,
      note: z.literal("left").nullable(),
    }),
  ),
  totals: z.object({ planned: wholeNumber, vested: wholeNumber, lapsed: wholeNumber }),
});

/** A confirmed run: the preview as recorded, with the run's id. */
export const vestingRunRecordedSchema = vestingRunPreviewSchema.extend({ runId: rowId });

/** VestingRunSummary: a recorded run with its vested and lapsed totals. */
export const vestingRunSummarySchema = z.object({
  id: rowId,
  batchId: rowId,
  batch: z.enum(grantBatchKindEnum.enumValues),
  grantDate: isoDay,
  categoryId: rowId,
  categoryName: z.string(),
  categoryNameEn: z.string(),
  trancheIndex: z.number().int(),
  vestingDate: isoDay,
  companyRatio: decimalText.nullable(),
  fiscalYear: z.number().int().nullable(),
  confirmedAt: isoInstant,
  vested: wholeNumber,
  lapsed: wholeNumber,
  reversal: z
    .object({ id: rowId, reason: z.string(), reversedAt: isoInstant })
    .nullable()
    .describe("Set once the run was reversed; its figures are then those it recorded."),
});
