import "server-only";
import { z } from "zod";
import { PLAN_STATUSES as LIFECYCLE_STATUSES } from "@/lib/domain/plans/planLifecycle";
import { decimalString, isoDate, text as freeText } from "@/lib/platform/validation/common";

// Arrangements are stored as numeric(7,4): more decimals would be rounded silently, so they are refused.
export const trancheRatio = z.string().regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, {
  message: 'Expected a ratio from 0 to 1 such as "0.33" (at most 4 decimals).',
});
export const text = (max: number) => freeText().min(1).max(max);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

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

/** A participant category with its vesting arrangement; categories are matched by code when a plan is edited. */
export const categoryInputSchema = z
  .object({
    code: z.number().int().min(1).max(99),
    name: text(100),
    nameEn: text(100),
    tranches: z.array(trancheInputSchema).min(1).max(20),
  })
  .superRefine((c, ctx) => {
    c.tranches.forEach((t, i) => {
      if (t.index !== i + 1)
        ctx.addIssue({
          code: "custom",
          path: ["tranches", i, "index"],
          message: "Tranches must be numbered 1, 2, 3... in order.",
        });
      if (t.endMonths <= t.startMonths)
        ctx.addIssue({
          code: "custom",
          path: ["tranches", i, "endMonths"],
          message: "The period must end after it starts.",
        });
    });
  });

/** One to 20 categories with distinct codes. */
export const categoriesSchema = z
  .array(categoryInputSchema)
  .min(1)
  .max(20)
  .superRefine((categories, ctx) => {
    const codes = categories.map((c) => c.code);
    if (new Set(codes).size !== codes.length)
      ctx.addIssue({ code: "custom", message: "Category codes must be unique." });
  });

/** Input of createPlan and updatePlan; quantities are whole shares. */
export const planInputSchema = z.object({
  name: text(200),
  nameEn: text(200),
  announcementDate: isoDate.nullish(),
  boardApprovalDate: isoDate.nullish(),
  generalMeetingDate: isoDate.nullish(),
  totalQuantity: count.positive(),
  firstGrantQuantity: count,
  reservedQuantity: count,
  shareCapitalAtAnnouncement: count.positive(),
  validityMonths: z.number().int().positive().max(1200),
  blackoutRule: blackoutRuleInputSchema,
  verifyingBody: z.enum(["board_of_supervisors", "remuneration_committee"]).optional(),
  gradeTable: z.record(freeText().min(1).max(8), decimalString).optional(),
  categories: categoriesSchema,
});
export type PlanInput = z.infer<typeof planInputSchema>;

/** Body of PUT /api/v1/plans/{planId}/categories: every category the plan is to have, matched by code. */
export const planCategoriesInputSchema = z.object({ categories: categoriesSchema });
export type PlanCategoriesInput = z.infer<typeof planCategoriesInputSchema>;

/** Body of PUT /api/v1/plans/{planId}/general-meeting-date: the new date and why it changes. */
export const generalMeetingDateInputSchema = z.object({
  generalMeetingDate: isoDate,
  reason: text(1000),
});
export type GeneralMeetingDateInput = z.infer<typeof generalMeetingDateInputSchema>;

/** Plan statuses, from the lifecycle table (the database enum holds the same values; a unit test compares them). */
export const PLAN_STATUSES = LIFECYCLE_STATUSES;
/** Body of a status change. */
export const advanceStatusSchema = z.object({ to: z.enum(PLAN_STATUSES) });
