import "server-only";
import type { z } from "zod";
import { adjustmentItemSchema, corporateActionSchema } from "@/lib/features/openapi/schemas/actions";
import {
  blackoutWindowSchema,
  changedTrancheSchema,
  disclosureEventSchema,
} from "@/lib/features/openapi/schemas/calendar";
import { grantSchema, trancheSchema } from "@/lib/features/openapi/schemas/grant";
import { noticeSchema } from "@/lib/features/openapi/schemas/me";
import { listEntrySchema, verificationSchema } from "@/lib/features/openapi/schemas/participants";
import { planSchema } from "@/lib/features/openapi/schemas/plan";
import { errorBody } from "@/lib/features/openapi/schemas/primitives";
import { publicityPeriodSchema } from "@/lib/features/openapi/schemas/publicity";
import { vestingRunPreviewSchema } from "@/lib/features/openapi/schemas/vesting";

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
