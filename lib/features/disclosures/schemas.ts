import "server-only";
import { z } from "zod";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";

export const KINDS = [
  "annual_report",
  "semi_annual_report",
  "q1_report",
  "q3_report",
  "performance_forecast",
  "performance_express",
  "major_event",
  "exchange_window",
] as const;
/** Body of POST /api/v1/disclosures. */
export const disclosureBody = z.object({
  kind: z.enum(KINDS),
  title: text().min(1).max(200),
  titleEn: text().max(200).optional(),
  fiscalYear: z.number().int().min(2000).max(2100).optional(),
  scheduledDate: isoDate.optional(),
  actualDate: isoDate.optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  planId: uuid.nullable().optional(),
  note: z.string().max(2000).optional(),
});
/** Body of PATCH /api/v1/disclosures/{id}: any field; null clears an optional one (e.g. record the actual date of a postponed report). */
export const disclosurePatch = z.object({
  kind: z.enum(KINDS).optional(),
  title: text().min(1).max(200).optional(),
  titleEn: text().max(200).nullable().optional(),
  fiscalYear: z.number().int().min(2000).max(2100).nullable().optional(),
  scheduledDate: isoDate.nullable().optional(),
  actualDate: isoDate.nullable().optional(),
  startDate: isoDate.nullable().optional(),
  endDate: isoDate.nullable().optional(),
  planId: uuid.nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
});
/** Query of GET /api/v1/disclosures. */
export const disclosureQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), planId: uuid.optional() });
