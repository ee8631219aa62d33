import "server-only";
import { z } from "zod";
import { employeeNumber, isoDate, text, uuid } from "@/lib/platform/validation/common";

/** One appraisal grade as imported (XLSX, CSV or JSON). */
export const gradeRowSchema = z.object({ employeeNo: employeeNumber, grade: text().min(1).max(10) });
/** Input of a vesting run (preview and confirm alike); batch is "first", "reserved" or a batch id. */
export const vestingRunSchema = z.object({
  batch: z.union([z.enum(["first", "reserved"]), uuid]),
  categoryId: uuid,
  trancheIndex: z.number().int().min(1).max(20),
  vestingDate: isoDate,
  // Stored as numeric(7,4): more decimals would be rounded silently, so they are refused instead; a
  // company-level ratio is a share of the tranche (0 to 100 %), never more.
  companyRatio: z.string().regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, {
    message: 'Expected a ratio from 0 to 1 with at most 4 decimals, e.g. "0.8".',
  }),
  fiscalYear: z.number().int().min(2000).max(2100),
  grades: z.array(gradeRowSchema).max(100_000),
});
export type VestingRunInput = z.infer<typeof vestingRunSchema>;
/**
 * Body of POST /api/v1/plans/{planId}/vesting-runs: the run's input, and `confirm: true` to record it.
 * Any other confirm value previews, as it always has: it is caught rather than refused.
 */
export const vestingRunRequestBody = vestingRunSchema.extend({
  confirm: z
    .boolean()
    .optional()
    .catch(undefined)
    .describe("true records the run (201); absent or anything else previews it (200)."),
});
