import "server-only";
import { z } from "zod";
import { corporateActionTypeEnum } from "@/db/schema/enums";
import { decimalText, isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

const actionType = z.enum(corporateActionTypeEnum.enumValues);
/** CorporateActionStatus: "scheduled" until the ex-date is reached (nothing adjusted yet), then "applied". */
const actionStatus = z
  .enum(["scheduled", "applied"])
  .describe(
    "scheduled: recorded, ex-date not reached, no price or quantity changed yet (the daily derivation applies it on the ex-date); applied: in the grants' prices, quantities and adjustment records.",
  );

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
  status: actionStatus.describe(
    "What recording it would do: apply it now, or schedule it for the ex-date (the items are then what the ex-date will bring).",
  ),
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
  status: actionStatus,
});

/** GET /api/v1/corporate-actions: newest first, with how many grants each adjusted and what compensated it. */
export const corporateActionListSchema = z.object({
  actions: z.array(corporateActionSchema.extend({ affectedGrants: wholeNumber, compensatedBy: rowId.nullable() })),
});

/** RecordedAction: the action as written and what it did (applied) or will do on its ex-date (scheduled) to each grant. */
export const recordedActionSchema = z.object({
  action: corporateActionSchema,
  affected: z.array(adjustmentItemSchema),
});
