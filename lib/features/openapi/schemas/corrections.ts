import "server-only";
import { z } from "zod";
import { grantBatchKindEnum, planStatusEnum } from "@/db/schema/enums";
import { isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

/** BatchVoidRecord: a grant batch voided as recorded by mistake (lib/features/grants/batchVoid.ts). */
export const batchVoidSchema = z.object({
  id: rowId,
  batchId: rowId,
  planId: rowId,
  batch: z.enum(grantBatchKindEnum.enumValues),
  reason: z.string(),
  voidedBy: rowId.nullable(),
  voidedAt: isoInstant,
  planStatus: z
    .enum(planStatusEnum.enumValues)
    .describe("After the void: a voided first grant returns it to approved_by_general_meeting."),
  grants: wholeNumber,
  quantity: wholeNumber,
});

/** VestingRunReversalRecord: a vesting run taken back (lib/features/vesting/vestingRunReversal.ts). */
export const vestingRunReversalSchema = z.object({
  id: rowId,
  vestingRunId: rowId,
  planId: rowId,
  batchId: rowId,
  categoryId: rowId,
  trancheIndex: z.number().int(),
  vestingDate: isoDay,
  reason: z.string(),
  reversedBy: rowId.nullable(),
  reversedAt: isoInstant,
  vestedBefore: wholeNumber.describe("Shares the run had vested, outstanding again."),
});
