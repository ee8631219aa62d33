import "server-only";
import { z } from "zod";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";

/** Body of POST /api/v1/plans/{planId}/publicity-periods. */
export const openPublicityBody = z.object({
  listVersionId: uuid.optional(),
  startDate: isoDate,
  endDate: isoDate,
  channel: text().min(1).max(200).optional(),
});
/** Body of PATCH /api/v1/objections/{id}: "upheld" means the list must change (a new list version follows). */
export const answerObjectionBody = z.object({
  status: z.enum(["answered", "upheld"]),
  response: text().min(2).max(4000),
});
/** Body of POST /api/v1/publicity-periods/{id}/close. */
export const closePublicityBody = z.object({ summary: text().min(2).max(4000) });

/** Body of POST /api/v1/publicity-periods/{id}/objections. */
export const objectionBody = z.object({ text: text().min(5, "Write at least 5 characters.").max(4000) });
