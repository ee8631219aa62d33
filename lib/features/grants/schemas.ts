import "server-only";
import { z } from "zod";
import { employeeNumber, isoDate, uuid } from "@/lib/platform/validation/common";

// Grant prices are stored as numeric(12,2): a third decimal would be rounded silently and 10^10 or more
// would fail the insert (a 500), so both are refused up front. Prices are quoted to the fen (0.01 yuan) anyway.
// A regex, not a refine: the OpenAPI document shows the pattern, so it is exactly as strict as the route.
export const grantPrice = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, { message: 'Expected a price in yuan with at most 2 decimals, e.g. "20.00".' });
/** Body of POST /api/v1/plans/{planId}/grants (the contract of issue #5). */
export const grantAwardsSchema = z.object({
  batch: z.enum(["first", "reserved"]),
  grantDate: isoDate,
  grantPrice,
  boardResolutionDate: isoDate.optional(),
  items: z
    .array(
      z.object({
        employeeNo: employeeNumber,
        categoryId: uuid,
        quantity: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      }),
    )
    .min(1)
    .max(20_000),
});
export type GrantAwardsInput = z.infer<typeof grantAwardsSchema>;
