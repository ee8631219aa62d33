import "server-only";
import { z } from "zod";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";

/**
 * A closing price as HR types it: a positive decimal with at most 4 decimals (the column is numeric(12,4),
 * so at most 8 digits before the point). Prices travel as strings, never as floats.
 */
export const closeAmount = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,4})?$/, {
    message: 'Expected a closing price as a decimal string with at most 4 decimals, e.g. "45.26".',
  })
  .refine((v) => /[1-9]/.test(v), { message: "The closing price must be greater than zero." });

/** Where a price came from, e.g. "上交所行情" or "manual"; optional. */
const priceSource = text().min(1).max(200);

/** Input of enterClosingPrice: one date's closing price. */
export const closingPriceInput = z.object({ tradeDate: isoDate, close: closeAmount, source: priceSource.optional() });
export type ClosingPriceInput = z.infer<typeof closingPriceInput>;

/** Query of GET /api/v1/closing-prices; without issuerId, the installation's issuer. */
export const closingPriceQuery = z.object({
  issuerId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** Path of PUT /api/v1/closing-prices/{tradeDate}. */
export const closingPriceParams = z.object({ tradeDate: isoDate });

/** Body of PUT /api/v1/closing-prices/{tradeDate}. */
export const closingPriceBody = z.object({
  issuerId: uuid.optional(),
  close: closeAmount,
  source: priceSource.optional(),
});

/** The longest CSV text accepted in one import (about 20 years of daily prices with room to spare). */
export const MAX_CLOSING_PRICE_CSV_CHARS = 400_000;

/** Body of POST /api/v1/closing-prices/import: the CSV as text; apply writes it (all or nothing). */
export const closingPriceImportBody = z.object({
  issuerId: uuid.optional(),
  csv: z.string().min(1).max(MAX_CLOSING_PRICE_CSV_CHARS),
  source: priceSource.optional(),
  apply: z.boolean().optional(),
});

/** A Shanghai A-share securities account (沪A股东账户): the letter A and nine digits, e.g. A123456789. */
export const securitiesAccount = z
  .string()
  .trim()
  .regex(/^[Aa]\d{9}$/, { message: 'Expected a Shanghai A-share account: "A" and nine digits, e.g. A123456789.' })
  .transform((v) => v.toUpperCase());

/**
 * Body of PUT /api/v1/persons/{personId}/tax-profile: the whole profile (omitted fields are cleared). A
 * non-resident is not taxed by the portal ("not computed"), so the reason must be written down.
 */
export const taxProfileInput = z
  .object({
    resident: z.boolean(),
    note: text().max(500).nullable().optional(),
    securitiesAccount: z.union([securitiesAccount, z.literal("").transform(() => null), z.null()]).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.resident && !v.note)
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "A non-resident needs a note giving the reason (the portal does not compute their tax).",
      });
  });
export type TaxProfileInput = z.input<typeof taxProfileInput>;
