import "server-only";
import { z } from "zod";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";
import { objectionStatusEnum } from "@/db/schema/enums";
import { MAX_PAGE_SIZE } from "@/lib/platform/pagination/keysetCursor";

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

/**
 * Query of GET /api/v1/publicity-periods/{id}/objections: status, text in the receipt no., the objection
 * or the filer (name, e-mail, employee no.), and a page at a time, oldest first (cursor from nextCursor).
 */
export const objectionInboxQuery = z.object({
  status: z.enum(objectionStatusEnum.enumValues).optional(),
  q: text().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});
export type ObjectionInboxQuery = z.infer<typeof objectionInboxQuery>;
