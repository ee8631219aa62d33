import "server-only";
import { z } from "zod";
import { isIsoDate } from "@/lib/domain/calendar/isoDate";

/** An ISO calendar date yyyy-mm-dd that exists. */
export const isoDate = z.string().refine((v) => isIsoDate(v), { message: "Expected a date as yyyy-mm-dd." });
/** A non-negative decimal written as a string ("0.60", "45.26"): money and ratios never travel as floats. */
export const decimalString = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, { message: 'Expected a decimal number as a string, e.g. "0.60".' });
/**
 * Free text as forms and API bodies send it: trimmed, and never a NUL character, which PostgreSQL
 * cannot store in text (it would fail the insert as a 500 instead of refusing the input).
 */
export const text = () =>
  z
    .string()
    .trim()
    .refine((v) => !v.includes("\u0000"), { message: "Text may not contain NUL characters." });
/** An employee number as HR types it: 1-40 characters after trimming, no control characters (PostgreSQL refuses NUL). */
export const employeeNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\u0000-\u001f\u007f]+$/, { message: "Employee numbers may not contain control characters." });
/** A UUID path or query parameter. */
export const uuid = z.string().uuid();

/** True for a UUID; anything else cannot name a row and is answered 404 without a query. */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}
