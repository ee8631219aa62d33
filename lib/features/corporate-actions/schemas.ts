import "server-only";
import { text } from "@/lib/platform/validation/common";
import { z } from "zod";
import { decimalString, isoDate } from "@/lib/platform/validation/common";

// Kept apart from queries.ts so commands.ts can build on the body without importing the queries
// (which read through commands.ts: an import cycle would leave the body undefined at load).

// corporate_actions stores n, v, p1 and p2 as numeric(18,8): a value of 10^10 or more would fail the
// insert (found by fuzzing, answered 500), so it is refused here with the field named.
const actionParameter = decimalString.refine((v) => /^\d{1,10}(\.\d+)?$/.test(v), {
  message: "Expected at most 10 digits before the decimal point.",
});

/** Body of POST /api/v1/corporate-actions/preview (and, with confirm, of the recording endpoint). */
export const corporateActionBody = z.object({
  type: z.enum([
    "capitalisation",
    "bonus",
    "split",
    "rights",
    "consolidation",
    "dividend",
    "dividend_bonus",
    "issuance",
  ]),
  exDate: isoDate,
  n: actionParameter
    .optional()
    .describe(
      "Per existing share, not per 10 shares: extra shares per share for a conversion, bonus issue or split (0.4 for 每10股转增4股, 1 for 1 share into 2), rights shares ÷ shares before for a rights issue, new shares per old share (below 1) for a consolidation (0.5 for 每2股合并为1股).",
    ),
  v: actionParameter.optional(),
  p1: actionParameter.optional(),
  p2: actionParameter.optional(),
});

/** Body of POST /api/v1/corporate-actions: the preview body plus an explicit confirmation. */
export const recordActionBody = corporateActionBody.extend({
  confirm: z.boolean().optional(),
  confirmLargeRatio: z
    .boolean()
    .optional()
    .describe(
      "Required (true) to record a capital-reserve conversion or bonus issue with n > 1, i.e. more than 10 extra shares per 10 (quantities more than doubled): without it 422 LARGE_RATIO_UNCONFIRMED names the resulting ratio.",
    ),
  description: text().max(500).optional(),
});
/** Body of the compensation server action. */
export const compensateBody = z.object({ actionId: z.string().uuid(), description: text().max(500).optional() });
/** Body of POST /api/v1/corporate-actions/{actionId}/compensate (the id is in the path; an empty body is accepted too). */
export const compensateRequestBody = compensateBody.omit({ actionId: true });
