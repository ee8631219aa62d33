import "server-only";
import { z } from "zod";
import { planStatusEnum, verifyingBodyEnum } from "@/db/schema/enums";
import { decimalText, isoDay, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

/** PlanDto (lib/features/plans/planReads.ts): the plan, its categories with their vesting arrangements, and grant statistics. */
export const planSchema = z.object({
  id: rowId,
  name: z.string(),
  nameEn: z.string(),
  shareCapital: wholeNumber,
  totalQuantity: wholeNumber,
  firstGrantQuantity: wholeNumber,
  reservedQuantity: wholeNumber,
  validityMonths: z.number().int().positive(),
  generalMeetingDate: isoDay.nullable(),
  blackoutRule: z.object({ name: z.string(), annualDays: z.number().int(), quarterlyDays: z.number().int() }),
  verifyingBody: z.enum(verifyingBodyEnum.enumValues),
  status: z.enum(planStatusEnum.enumValues),
  categories: z.array(
    z.object({
      id: rowId,
      name: z.string(),
      nameEn: z.string(),
      illustrative: z.boolean(),
      tranches: z.array(
        z.object({
          index: z.number().int(),
          startMonths: z.number().int(),
          endMonths: z.number().int(),
          ratio: decimalText,
        }),
      ),
    }),
  ),
  stats: z.object({ grantees: wholeNumber, grantedQuantity: wholeNumber }),
});
