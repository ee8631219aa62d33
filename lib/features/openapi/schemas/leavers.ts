import "server-only";
import { z } from "zod";
import { DEPARTURE_KINDS, DEPARTURE_REASONS } from "@/lib/domain/persons/departureRules";
import { isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

const reason = z
  .enum(DEPARTURE_REASONS)
  .nullable()
  .describe("The departure reason's code; null for a withdrawal or a record made before reasons were asked for.");
const reasonText = z
  .object({ en: z.string(), zh: z.string() })
  .describe("The reason in English and Simplified Chinese.");
const recordedBy = z.object({ userId: rowId, name: z.string() }).nullable();
const trancheChange = z.object({ grantId: rowId, trancheIndex: z.number().int(), quantity: wholeNumber });

/** DepartureResult: the record written, the plans re-derived and the tranches lapsed or brought back. */
export const departureResultSchema = z.object({
  personId: rowId,
  employeeNo: z.string(),
  departureId: rowId.nullable(),
  kind: z.enum(DEPARTURE_KINDS),
  leaveDate: isoDay.nullable().describe("The leave date now in force; null after a withdrawal."),
  reason,
  reasonText: reasonText.nullable(),
  unchanged: z.boolean(),
  plans: z.array(rowId),
  lapsed: z.array(trancheChange).describe("Tranches that lapsed (or lapsed more) because of the departure."),
  restored: z.array(trancheChange).describe("Tranches a later leave date or a withdrawal brought back."),
});

/** DepartureRecord: one append-only record of a person's departure history. */
export const departureRecordSchema = z.object({
  id: rowId,
  kind: z.enum(DEPARTURE_KINDS),
  leaveDate: isoDay.nullable(),
  reason,
  reasonText: reasonText.nullable(),
  note: z.string().nullable(),
  supersedesId: rowId.nullable().describe("The record this one corrects or withdraws."),
  recordedBy,
  recordedAt: isoInstant,
});

/** A person's departure history, oldest record first, with the one in force. */
export const departureHistorySchema = z.object({
  personId: rowId,
  employeeNo: z.string(),
  name: z.string(),
  employmentStatus: z.enum(["active", "left"]),
  inForce: departureRecordSchema.nullable(),
  records: z.array(departureRecordSchema),
});

/** A past leaver with the departure in force. */
const leaverSchema = z.object({
  personId: rowId,
  employeeNo: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  leaveDate: isoDay,
  reason,
  reasonText,
  note: z.string().nullable(),
  departureId: rowId.nullable(),
  recordedBy,
  recordedAt: isoInstant.nullable(),
  corrections: wholeNumber.describe("Corrections of the departure since it was first recorded."),
});

/** A page of leavers: next page with ?cursor=nextCursor; null on the last page. */
export const leaverPageSchema = z.object({ items: z.array(leaverSchema), nextCursor: z.string().nullable() });
