import "server-only";
import { z } from "zod";
import { decimalText, isoDay, isoInstant, rowId } from "@/lib/features/openapi/schemas/primitives";

/** ClosingPriceDto (lib/features/tax/closingPrices.ts). */
export const closingPriceSchema = z.object({
  tradeDate: isoDay,
  close: decimalText.describe('Yuan per share, at least two decimals, e.g. "45.26".'),
  source: z.string().describe('Where the price came from, e.g. "manual", "csv" or what HR wrote.'),
  enteredBy: z.string().nullable().describe("Display name of the user who entered it last."),
  createdAt: isoInstant,
});

/** GET /api/v1/closing-prices. */
export const closingPriceListingSchema = z.object({ issuerId: rowId, items: z.array(closingPriceSchema) });

/** PUT /api/v1/closing-prices/{tradeDate} (ClosingPriceEntry). */
export const closingPriceEntrySchema = z.object({
  issuerId: rowId,
  tradeDate: isoDay,
  close: decimalText,
  source: z.string(),
  previous: z
    .object({ close: decimalText, source: z.string() })
    .nullable()
    .describe("The price this one corrected; null for a new date."),
  unchanged: z.boolean().describe("True when the same price and source were on record: nothing was written."),
});

/** POST /api/v1/closing-prices/import (ClosingPriceImport). */
export const closingPriceImportSchema = z.object({
  issuerId: rowId,
  applied: z.boolean().describe("False for the preview; true once every row was written."),
  rows: z.array(
    z.object({
      line: z.number().int().describe("Line in the file; 1 is the header."),
      tradeDate: isoDay,
      close: decimalText,
      previous: decimalText.nullable().describe("The price on record that the row replaces; null for a new date."),
    }),
  ),
  errors: z.array(
    z.object({
      line: z.number().int(),
      code: z
        .string()
        .describe(
          "CLOSING_PRICE_INVALID_DATE, CLOSING_PRICE_INVALID_CLOSE, CLOSING_PRICE_DUPLICATE_DATE, CLOSING_PRICE_NOT_TRADING_DAY, CLOSING_PRICE_IN_FUTURE, CALENDAR_NOT_PUBLISHED, MISSING_COLUMNS or CLOSING_PRICE_FILE_EMPTY.",
        ),
      message: z.string(),
      value: z.string().optional().describe("The cell as written."),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

/** GET/PUT /api/v1/persons/{personId}/tax-profile (TaxProfileDto). */
export const taxProfileSchema = z.object({
  personId: rowId,
  resident: z.boolean().describe("Resident individuals are taxed at vesting; for a non-resident it is not computed."),
  note: z.string().nullable(),
  securitiesAccount: z.string().nullable().describe("Shanghai A-share account: A and nine digits."),
  updatedAt: isoInstant.nullable().describe("Null when nothing was recorded and the defaults apply."),
});
