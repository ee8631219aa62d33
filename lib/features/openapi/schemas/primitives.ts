import "server-only";
import { z } from "zod";

/** A row id as the database generates it. */
export const rowId = z.uuid();
/** A calendar date as every date column reads back: yyyy-mm-dd. */
export const isoDay = z.iso.date();
/** An instant as JSON writes a Date: ISO 8601 in UTC. */
export const isoInstant = z.iso.datetime();
/** An exact non-negative decimal as text: prices, ratios and action parameters never travel as floats. */
export const decimalText = z.string().regex(/^\d+(\.\d+)?$/);
/** A whole number of shares (or of people, rows...). */
export const wholeNumber = z.number().int().nonnegative();

/** The list envelope every collection endpoint answers with. */
export function itemsOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** The body of every error response: a stable code, a message, and details safe to show (null when none). */
export const errorBody = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. BAD_REQUEST, NOT_FOUND, PRICE_BELOW_PAR."),
    message: z.string(),
    details: z.unknown().describe("Structured details (validation issues, rule violations) or null."),
  }),
});
