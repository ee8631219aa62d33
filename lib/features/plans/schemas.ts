import "server-only";
import { z } from "zod";
import { PLAN_STATUSES as LIFECYCLE_STATUSES } from "@/lib/domain/plans/planLifecycle";
import { text as freeText } from "@/lib/platform/validation/common";

// Arrangements are stored as numeric(7,4): more decimals would be rounded silently, so they are refused.
export const trancheRatio = z
  .string()
  .regex(/^[01](\.\d{1,4})?$/, { message: 'Expected a ratio such as "0.33" (at most 4 decimals).' });
export const text = (max: number) => freeText().min(1).max(max);
/** One tranche of a category's arrangement: months after the grant date and its share. */
export const trancheInputSchema = z.object({
  index: z.number().int().min(1).max(20),
  startMonths: z.number().int().min(0).max(240),
  endMonths: z.number().int().min(1).max(240),
  ratio: trancheRatio,
});
/** A preset rule set by name, or custom lengths (which create a rule-set row). */
export const blackoutRuleInputSchema = z.union([
  z.object({ preset: z.enum(["2022 rules", "2024-05-24 rules"]) }),
  z.object({
    name: text(100),
    annualDays: z.number().int().min(0).max(365),
    quarterlyDays: z.number().int().min(0).max(365),
  }),
]);
/** Plan statuses, from the lifecycle table (the database enum holds the same values; a unit test compares them). */
export const PLAN_STATUSES = LIFECYCLE_STATUSES;
/** Body of a status change. */
export const advanceStatusSchema = z.object({ to: z.enum(PLAN_STATUSES) });
