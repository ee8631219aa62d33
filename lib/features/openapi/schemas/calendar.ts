import "server-only";
import { z } from "zod";
import { disclosureKindEnum } from "@/db/schema/enums";
import { isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

/** BlackoutWindowDto (lib/features/calendar/blackoutsForPerson.ts): id is the disclosure event's; planId null for a company-wide event. */
export const blackoutWindowSchema = z.object({
  id: rowId,
  planId: rowId.nullable(),
  kind: z.enum(disclosureKindEnum.enumValues),
  from: isoDay,
  to: isoDay,
  reason: z.string().describe("The reason in the caller's language."),
});

/** GET /api/v1/calendar/trading-days. */
export const tradingDaysSchema = z.object({
  from: isoDay,
  to: isoDay,
  lastPublishedYear: z.number().int(),
  items: z.array(isoDay),
});

/** GET /api/v1/calendar/closures (ClosuresListing). */
export const closuresListingSchema = z.object({
  bundledLastYear: z.number().int(),
  publishedYears: z.array(z.number().int()),
  closures: z.array(z.object({ date: isoDay, reason: z.string() })),
});

/** A tranche whose earliest vesting date moved (ChangedTranche). */
export const changedTrancheSchema = z.object({
  grantId: rowId,
  trancheIndex: z.number().int(),
  before: isoDay.nullable(),
  after: isoDay.nullable(),
});

/** POST /api/v1/calendar/closures. */
export const closuresAddedSchema = z.object({
  year: z.number().int(),
  added: wholeNumber,
  published: z.boolean(),
  republished: z.boolean().describe("True when closures were added to a year already declared complete."),
  affectedPlans: z.array(rowId),
  changedTranches: z.array(changedTrancheSchema),
});

const eventFields = {
  id: rowId,
  issuerId: rowId,
  planId: rowId.nullable(),
  kind: z.enum(disclosureKindEnum.enumValues),
  title: z.string(),
  titleEn: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
  scheduledDate: isoDay.nullable(),
  actualDate: isoDay.nullable(),
  startDate: isoDay.nullable(),
  endDate: isoDay.nullable(),
  note: z.string().nullable(),
  createdBy: rowId.nullable(),
};

/** A disclosure_events row as written. */
export const disclosureEventSchema = z.object({ ...eventFields, createdAt: isoInstant });

/** What every disclosure change answers (DisclosureChange). */
export const disclosureChangeSchema = z.object({
  event: disclosureEventSchema,
  affectedPlans: z.array(rowId),
  changedTranches: z.array(changedTrancheSchema),
});

/** GET /api/v1/disclosures: the plans in scope and each event with the blackout window it opens per plan. */
export const disclosureListingSchema = z.object({
  plans: z.array(z.object({ id: rowId, name: z.string(), nameEn: z.string() })),
  events: z.array(
    z.object({
      ...eventFields,
      postponed: z.boolean(),
      windows: z.array(
        z.object({ planId: rowId, planName: z.string(), planNameEn: z.string(), from: isoDay, to: isoDay }),
      ),
    }),
  ),
});
