import type { z } from "zod";
import { adjustmentItemSchema, corporateActionSchema } from "./actions";
import { blackoutWindowSchema, changedTrancheSchema, disclosureEventSchema } from "./calendar";
import { grantSchema, trancheSchema } from "./grant";
import { noticeSchema } from "./me";
import { listEntrySchema, verificationSchema } from "./participants";
import { planSchema } from "./plan";
import { errorBody } from "./primitives";
import { publicityPeriodSchema } from "./publicity";
import { vestingRunPreviewSchema } from "./vesting";

/**
 * DTOs that appear in several responses, named in components.schemas and referenced by $ref wherever they
 * occur, so a client generator makes one type of each. Keyed by the zod object itself.
 */
export const COMPONENT_SCHEMAS: ReadonlyMap<z.ZodType, string> = new Map<z.ZodType, string>([
  [errorBody, "ErrorBody"],
  [grantSchema, "Grant"],
  [trancheSchema, "Tranche"],
  [planSchema, "Plan"],
  [blackoutWindowSchema, "BlackoutWindow"],
  [changedTrancheSchema, "ChangedTranche"],
  [disclosureEventSchema, "DisclosureEvent"],
  [noticeSchema, "Notice"],
  [listEntrySchema, "ListEntry"],
  [verificationSchema, "Verification"],
  [publicityPeriodSchema, "PublicityPeriod"],
  [vestingRunPreviewSchema, "VestingRunPreview"],
  [adjustmentItemSchema, "AdjustmentItem"],
  [corporateActionSchema, "CorporateAction"],
]);
