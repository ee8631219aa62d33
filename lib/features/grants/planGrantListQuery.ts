import "server-only";
import { z } from "zod";
import { text, uuid } from "@/lib/platform/validation/common";
import { MAX_PAGE_SIZE } from "@/lib/platform/pagination/keysetCursor";

/**
 * What HR filters a plan's grants by: whether the holder has confirmed the grant (unaccepted leaves out
 * voided batches, which wait for no one, the same as the page's "not yet accepted" count), or a status
 * one of its tranches is in (vestable: ready for a vesting run; lapsed: lost some shares, e.g. a leaver).
 */
export const PLAN_GRANT_STATUSES = ["unaccepted", "accepted", "pending", "vestable", "vested", "lapsed"] as const;
export type PlanGrantStatus = (typeof PLAN_GRANT_STATUSES)[number];

/** Query of GET /api/v1/plans/{planId}/grants: filters and a keyset page in (grant date, employee no., id) order. */
export const planGrantsQuery = z.object({
  q: text().max(60).optional().describe("Part of the holder's employee no., name or pinyin."),
  batch: z.enum(["first", "reserved"]).optional(),
  categoryId: uuid.optional().describe("Only grants in this participant category."),
  status: z
    .enum(PLAN_GRANT_STATUSES)
    .optional()
    .describe(
      "unaccepted / accepted: whether the holder confirmed the grant (unaccepted leaves out voided batches); " +
        "pending / vestable / vested / lapsed: the grant has at least one tranche in that status.",
    ),
  cursor: z.string().max(300).optional().describe("nextCursor of the previous page."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .describe(
      `Grants per page; ${MAX_PAGE_SIZE} (the most) when not given, so that a caller reading a small plan whole still gets it in one answer.`,
    ),
});
export type PlanGrantsQuery = z.infer<typeof planGrantsQuery>;
