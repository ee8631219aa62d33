import "server-only";
import { z } from "zod";
import { DEPARTURE_REASONS } from "@/lib/domain/persons/departureRules";
import { isoDate, text } from "@/lib/platform/validation/common";
import { MAX_PAGE_SIZE } from "@/lib/platform/pagination/keysetCursor";

const reason = z.enum(DEPARTURE_REASONS);
/** Body of POST /api/v1/persons/{personId}/leave: the date and the reason are required, a note is not (empty is none). */
export const recordLeaverSchema = z.object({ leaveDate: isoDate, reason, note: text().max(500).nullish() });
export type RecordLeaverInput = z.infer<typeof recordLeaverSchema>;

/**
 * Body of POST /api/v1/persons/{personId}/departures/corrections: a new leave date, a new reason or both
 * (an absent one stays as in force), and why the record is corrected.
 */
export const correctDepartureSchema = z.object({
  leaveDate: isoDate.optional(),
  reason: reason.optional(),
  note: text().min(1).max(500),
});
export type CorrectDepartureInput = z.infer<typeof correctDepartureSchema>;

/** Body of POST /api/v1/persons/{personId}/departures/withdrawal: why the person is active after all. */
export const withdrawDepartureSchema = z.object({ note: text().min(1).max(500) });
export type WithdrawDepartureInput = z.infer<typeof withdrawDepartureSchema>;

/** Query of GET /api/v1/leavers: search, reason and leave-date range, a page at a time. */
export const listLeaversQuery = z.object({
  q: text().max(60).optional(),
  reason: reason.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});
export type ListLeaversQuery = z.infer<typeof listLeaversQuery>;
