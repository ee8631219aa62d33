import "server-only";
import { z } from "zod";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";

/** Body of POST /api/v1/calendar/closures. */
export const closuresBody = z.object({
  year: z.number().int().min(2015).max(2100),
  closures: z.array(z.object({ date: isoDate, reason: text().min(1).max(100) })).max(60),
  published: z.boolean(),
  /**
   * Required to add closures to a year already declared complete: that changes its trading days, and so
   * vesting dates already announced, so it is an explicit re-publication with its reason in the audit trail.
   */
  republishReason: text().min(4).max(500).optional(),
});

/** Query of GET /api/v1/blackout-windows. */
export const blackoutQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), planId: uuid.optional() });
/** Query of GET /api/v1/calendar/trading-days. */
export const tradingDaysQuery = z.object({ from: isoDate, to: isoDate });
