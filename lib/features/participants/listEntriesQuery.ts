import "server-only";
import { z } from "zod";
import { text, uuid } from "@/lib/platform/validation/common";
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from "@/lib/platform/pagination/keysetCursor";
import { batchSchema } from "@/lib/features/participants/rowShape";

/** Query of GET /api/v1/plans/{planId}/participants/entries: one version's entries, a page at a time. */
export const listEntriesQuery = z.object({
  batch: batchSchema.optional().describe("first (the default) or reserved."),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe("The version number; the batch's latest when not given (a cursor keeps the version it was made on)."),
  q: text().max(60).optional().describe("Part of the employee no. or of the name as listed."),
  categoryId: uuid.optional().describe("Only entries in this participant category."),
  cursor: z.string().max(300).optional().describe("nextCursor of the previous page."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .describe(`Entries per page, ${DEFAULT_PAGE_SIZE} when not given.`),
});
export type ListEntriesQuery = z.infer<typeof listEntriesQuery>;
