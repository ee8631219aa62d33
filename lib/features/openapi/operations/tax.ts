import "server-only";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import {
  closingPriceBody,
  closingPriceImportBody,
  closingPriceParams,
  closingPriceQuery,
  taxProfileInput,
} from "@/lib/features/tax/schemas";
import {
  closingPriceEntrySchema,
  closingPriceImportSchema,
  closingPriceListingSchema,
  taxProfileSchema,
} from "@/lib/features/openapi/schemas/tax";
import { personParams } from "@/lib/features/openapi/schemas/params";

const tags = ["Tax"];
const noIssuer = { description: "The issuerId is unknown, or no issuer is set up (NOT_FOUND)." };
const dateRefused = {
  description:
    "The date is after today (CLOSING_PRICE_IN_FUTURE), not an SSE trading day (CLOSING_PRICE_NOT_TRADING_DAY) or outside the published calendar (CALENDAR_NOT_PUBLISHED); several issuers and none named (ISSUER_AMBIGUOUS).",
};

/** Closing prices HR records (no network access is assumed) and each person's tax facts at vesting. */
export const taxOperations = {
  listClosingPrices: {
    method: "get",
    path: "/api/v1/closing-prices",
    operationId: "listClosingPrices",
    summary: "Closing prices HR recorded in [from, to], newest first; without issuerId, the installation's issuer",
    tags,
    access: "staffRead",
    query: closingPriceQuery,
    responses: {
      200: { description: "The prices.", schema: closingPriceListingSchema },
      400: { description: "A malformed date or issuerId (BAD_REQUEST)." },
      404: noIssuer,
      422: { description: "Several issuers exist and none was named (ISSUER_AMBIGUOUS)." },
    },
  },
  enterClosingPrice: {
    method: "put",
    path: "/api/v1/closing-prices/{tradeDate}",
    operationId: "enterClosingPrice",
    summary:
      "Records the closing price of a trading day, or corrects the one on record (audited with before and after)",
    tags,
    access: "staffWrite",
    params: closingPriceParams,
    body: closingPriceBody,
    responses: {
      200: { description: "The price on record and the one it replaced.", schema: closingPriceEntrySchema },
      400: {
        description:
          "The date is not yyyy-mm-dd, or the close is not a positive decimal string with at most 4 decimals (BAD_REQUEST).",
      },
      404: noIssuer,
      422: dateRefused,
    },
  },
  importClosingPrices: {
    method: "post",
    path: "/api/v1/closing-prices/import",
    operationId: "importClosingPrices",
    summary:
      "Previews a CSV of closing prices (columns date/日期 and close/收盘价, comma or tab); with apply: true writes every row, all or nothing",
    tags,
    access: "staffWrite",
    body: closingPriceImportBody,
    responses: {
      200: {
        description: "The preview: rows with the price each replaces, and every refused line.",
        schema: closingPriceImportSchema,
      },
      201: {
        description: "Applied: every row written, one audit row for the import.",
        schema: closingPriceImportSchema,
      },
      400: { description: "Invalid body, or more rows than one import takes (BAD_REQUEST, TOO_MANY_ROWS)." },
      404: noIssuer,
      422: {
        description:
          "apply: true on a file with refused lines (CLOSING_PRICE_IMPORT_INVALID, the lines in details.errors); nothing was written. Several issuers and none named (ISSUER_AMBIGUOUS).",
      },
    },
  },
  getTaxProfile: {
    method: "get",
    path: "/api/v1/persons/{personId}/tax-profile",
    operationId: "getTaxProfile",
    summary: "A person's tax facts at vesting: resident or not (with the reason) and the securities account",
    tags,
    access: "staffRead",
    params: personParams,
    responses: {
      200: {
        description: "The profile; the defaults (resident, no account) when none was recorded.",
        schema: taxProfileSchema,
      },
      404: { description: "No such person (NOT_FOUND)." },
    },
  },
  setTaxProfile: {
    method: "put",
    path: "/api/v1/persons/{personId}/tax-profile",
    operationId: "setTaxProfile",
    summary: "Records a person's whole tax profile (omitted fields are cleared), audited",
    tags,
    access: "staffWrite",
    params: personParams,
    body: taxProfileInput,
    responses: {
      200: { description: "The profile as recorded.", schema: taxProfileSchema },
      400: {
        description:
          "A non-resident without a note giving the reason, or an account that is not A and nine digits (BAD_REQUEST).",
      },
      404: { description: "No such person (NOT_FOUND)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(taxOperations);
