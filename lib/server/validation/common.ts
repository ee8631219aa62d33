import { z } from "zod";
import { isIsoDate } from "@/lib/domain/calendar/isoDate";

/** An ISO calendar date yyyy-mm-dd that exists. */
export const isoDate = z.string().refine((v) => isIsoDate(v), { message: "Expected a date as yyyy-mm-dd." });
/** A non-negative decimal written as a string ("0.60", "45.26"): money and ratios never travel as floats. */
export const decimalString = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/, { message: "Expected a decimal number as a string, e.g. \"0.60\"." });
/** A UUID path or query parameter. */
export const uuid = z.string().uuid();

/** True for a UUID; anything else cannot name a row and is answered 404 without a query. */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}

/** Parses URL search parameters with a zod object schema; unknown parameters are ignored. */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, url: string): z.infer<T> {
  const params = Object.fromEntries(new URL(url).searchParams.entries());
  return schema.parse(params);
}
