import "server-only";
import { z } from "zod";
import { corporateActionTypeEnum } from "@/db/schema/enums";
import { decimalText, isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

const actionType = z.enum(corporateActionTypeEnum.enumValues);

/** AdjustmentPreviewItem: one affected grant's price and quantity just before and after the action. */
export const adjustmentItemSchema = z.object({
  grantId: rowId,
  planId: rowId,
  employeeNo: z.string(),
  personName: z.string(),
  priceBefore: decimalText,
  priceAfter: decimalText,
  quantityBefore: wholeNumber,
  quantityAfter: wholeNumber,
  flags: z.array(z.string()),
});

/** POST /api/v1/corporate-actions/preview. */
export const adjustmentPreviewSchema = z.object({
  type: actionType,
  exDate: isoDay,
  items: z.array(adjustmentItemSchema),
});

/** A corporate_actions row, parameters as entered (trailing zeros trimmed). */
export const corporateActionSchema = z.object({
  id: rowId,
  issuerId: rowId,
  type: actionType,
  exDate: isoDay,
  n: decimalText.nullable(),
  v: decimalText.nullable(),
  p1: decimalText.nullable(),
  p2: decimalText.nullable(),
  description: z.string().nullable(),
  compensatesId: rowId.nullable(),
  createdBy: rowId.nullable(),
  createdAt: isoInstant,
});

/** GET /api/v1/corporate-actions: newest first, with how many grants each adjusted and what compensated it. */
export const corporateActionListSchema = z.object({
  actions: z.array(corporateActionSchema.extend({ affectedGrants: wholeNumber, compensatedBy: rowId.nullable() })),
});

/** RecordedAction: the action as written and what it did to each grant. */
export const recordedActionSchema = z.object({
  action: corporateActionSchema,
  affected: z.array(adjustmentItemSchema),
});

/** LeaverResult: the plans re-derived and the tranches that lapsed from the leave date. */
export const leaverResultSchema = z.object({
  personId: rowId,
  employeeNo: z.string(),
  leaveDate: isoDay,
  unchanged: z.boolean(),
  plans: z.array(rowId),
  lapsed: z.array(z.object({ grantId: rowId, trancheIndex: z.number().int(), quantity: wholeNumber })),
});
