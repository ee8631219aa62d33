import "server-only";
import { z } from "zod";
import { corporateActionTypeEnum, disclosureKindEnum, grantBatchKindEnum, trancheStatusEnum } from "@/db/schema/enums";
import { decimalText, isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

/** Why a blackout window exists: the disclosure behind it (DeferralRecord.reason, BlackoutReason). */
export const blackoutReasonSchema = z.object({
  kind: z.enum(disclosureKindEnum.enumValues),
  eventTitle: z.string().optional(),
  eventTitleEn: z.string().optional(),
  fiscalYear: z.number().int().optional(),
  publicationDate: isoDay.optional(),
  scheduledDate: isoDay.optional(),
  days: z.number().int().optional(),
});

/** A blackout window that pushed a tranche's earliest vesting date. */
export const deferralSchema = z.object({
  blackoutWindowId: rowId,
  kind: z.string(),
  from: isoDay,
  to: isoDay,
  reason: blackoutReasonSchema.optional(),
});

/** TrancheDto (lib/features/grants/readModel/grantReads.ts). */
export const trancheSchema = z.object({
  index: z.number().int().min(1),
  ratio: decimalText,
  plannedQuantity: wholeNumber,
  windowOpen: isoDay.nullable(),
  windowClose: isoDay.nullable(),
  earliestVestingDate: isoDay.nullable(),
  earliestReason: z.string().nullable(),
  deferredBy: z.array(deferralSchema),
  status: z.enum(trancheStatusEnum.enumValues),
  vestedQuantity: wholeNumber,
  lapsedQuantity: wholeNumber,
  vestingDate: isoDay.nullable(),
  lapseReason: z.string().nullable(),
  appraisal: z
    .object({
      fiscalYear: z.number().int(),
      grade: z.string(),
      individualRatio: decimalText.nullable(),
      companyRatio: decimalText.nullable(),
    })
    .nullable(),
});

/** GrantDto (lib/features/grants/readModel/grantReads.ts): price and quantity as adjusted, with the originals. */
export const grantSchema = z.object({
  id: rowId,
  planId: rowId,
  planName: z.string(),
  planNameEn: z.string(),
  personId: rowId,
  employeeNo: z.string(),
  personName: z.string(),
  batch: z.enum(grantBatchKindEnum.enumValues),
  categoryId: rowId,
  categoryName: z.string(),
  categoryNameEn: z.string(),
  grantDate: isoDay,
  grantPrice: decimalText,
  originalGrantPrice: decimalText,
  quantity: wholeNumber,
  originalQuantity: wholeNumber,
  acceptedAt: isoInstant.nullable(),
  adjustments: z.array(
    z.object({
      date: isoDay,
      type: z.enum(corporateActionTypeEnum.enumValues),
      priceBefore: decimalText,
      priceAfter: decimalText,
      quantityBefore: wholeNumber,
      quantityAfter: wholeNumber,
    }),
  ),
  tranches: z.array(trancheSchema),
});

/** POST /api/v1/plans/{planId}/grants: the new batch and one grant per grantee. */
export const grantAwardsResultSchema = z.object({
  batchId: rowId,
  grants: z.array(z.object({ id: rowId, employeeNo: z.string(), quantity: wholeNumber })),
});

/** POST /api/v1/grants/{grantId}/accept. */
export const grantAcceptedSchema = z.object({ id: rowId, acceptedAt: isoInstant });
