import "server-only";
import { z } from "zod";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";

/** Body of POST /api/v1/calendar/closures. */
export const closuresBody = z.object({
  year: z.number().int().min(2015).max(2100),
  closures: z.array(z.object({ date: isoDate, reason: text().min(1).max(100) })).max(60),
  published: z.boolean(),
});

/** Query of GET /api/v1/blackout-windows. */
export const blackoutQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), planId: uuid.optional() });
/** Query of GET /api/v1/calendar/trading-days. */
export const tradingDaysQuery = z.object({ from: isoDate, to: isoDate });
