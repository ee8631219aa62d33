import "server-only";
import { z } from "zod";
import { corporateActionTypeEnum, disclosureKindEnum, grantBatchKindEnum, trancheStatusEnum } from "@/db/schema/enums";
import {
  DEFERRAL_KIND_TEXT,
  EARLIEST_REASON_TEXT,
  EARLIEST_REASONS,
  LAPSE_REASON_TEXT,
  LAPSE_REASONS,
} from "@/lib/domain/vesting/reasonTexts";
import { decimalText, isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

/** A coded reason's text beside the code, in both languages; null when there is no reason. */
const reasonText = z.object({ zh: z.string(), en: z.string() }).nullable();

/** "code: English text; ..." for a description, so the document lists what each code means. */
const codeTable = (texts: Readonly<Record<string, { zh: string; en: string }>>) =>
  Object.entries(texts)
    .map(([code, t]) => `${code}: ${t.en} (${t.zh})`)
    .join("; ");

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
  kind: z.enum(disclosureKindEnum.enumValues).describe(codeTable(DEFERRAL_KIND_TEXT)),
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
  earliestReason: z
    .enum(EARLIEST_REASONS)
    .nullable()
    .describe(`Why there is no earliest date yet. ${codeTable(EARLIEST_REASON_TEXT)}`),
  earliestReasonText: reasonText,
  deferredBy: z.array(deferralSchema),
  status: z.enum(trancheStatusEnum.enumValues),
  vestedQuantity: wholeNumber,
  lapsedQuantity: wholeNumber,
  vestingDate: isoDay.nullable(),
  lapseReason: z
    .enum(LAPSE_REASONS)
    .nullable()
    .describe(`Why lapsed shares lapsed. ${codeTable(LAPSE_REASON_TEXT)}`),
  lapseReasonText: reasonText,
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

/** A page of a plan's grants: next page with ?cursor=nextCursor; null on the last page. */
export const grantPageSchema = z.object({ items: z.array(grantSchema), nextCursor: z.string().nullable() });

/** POST /api/v1/plans/{planId}/grants: the new batch and one grant per grantee. */
export const grantAwardsResultSchema = z.object({
  batchId: rowId,
  grants: z.array(z.object({ id: rowId, employeeNo: z.string(), quantity: wholeNumber })),
});

/** POST /api/v1/grants/{grantId}/accept. */
export const grantAcceptedSchema = z.object({ id: rowId, acceptedAt: isoInstant });
