import "server-only";
import { blackoutQuery, tradingDaysQuery } from "@/lib/features/calendar/schemas";
import { closuresBody } from "@/lib/features/calendar/schemas";
import { disclosureBody, disclosurePatch, disclosureQuery } from "@/lib/features/disclosures/schemas";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import {
  blackoutWindowSchema,
  closuresAddedSchema,
  closuresListingSchema,
  disclosureChangeSchema,
  disclosureListingSchema,
  tradingDaysSchema,
} from "@/lib/features/openapi/schemas/calendar";
import { eventParams } from "@/lib/features/openapi/schemas/params";
import { itemsOf } from "@/lib/features/openapi/schemas/primitives";

const tags = ["Calendar"];
const invalidEvent = {
  description: "The dates do not fit the kind (INVALID_EVENT), or the issuer is ambiguous (ISSUER_AMBIGUOUS).",
};
const badEventId = { description: "The event id is not a UUID (BAD_REQUEST)." };
const noEvent = { description: "No such event, or its plan does not exist (NOT_FOUND)." };

/** The exchange calendar, the disclosure calendar and the blackout windows they open. */
export const calendarOperations = {
  listBlackoutWindows: {
    method: "get",
    path: "/api/v1/blackout-windows",
    operationId: "listBlackoutWindows",
    summary: "Blackout windows of the plans the caller may see, overlapping [from, to]",
    tags,
    access: "signedIn",
    query: blackoutQuery,
    responses: { 200: { description: "In date order, each listed once.", schema: itemsOf(blackoutWindowSchema) } },
  },
  listTradingDays: {
    method: "get",
    path: "/api/v1/calendar/trading-days",
    operationId: "listTradingDays",
    summary: "SSE trading days in [from, to] (at most three years)",
    tags,
    access: "signedIn",
    query: tradingDaysQuery,
    responses: {
      200: { description: "The trading days.", schema: tradingDaysSchema },
      400: { description: "Invalid dates, to before from, or more than three years (BAD_REQUEST)." },
      422: { description: "Part of the range is past the published calendar (CALENDAR_NOT_PUBLISHED); never guessed." },
    },
  },
  listClosures: {
    method: "get",
    path: "/api/v1/calendar/closures",
    operationId: "listClosures",
    summary: "Closures added beyond the bundled SSE list, and the years declared complete",
    tags,
    access: "staffRead",
    responses: { 200: { description: "The listing.", schema: closuresListingSchema } },
  },
  addClosures: {
    method: "post",
    path: "/api/v1/calendar/closures",
    operationId: "addClosures",
    summary:
      "Adds closures for a year the bundled list does not cover; optionally publishes the year. A published year takes closures only with republishReason (audited as calendar.republish)",
    tags,
    access: "staffWrite",
    body: closuresBody,
    responses: {
      201: { description: "Added; every plan re-derived.", schema: closuresAddedSchema },
      409: {
        description:
          "A date is listed twice or already recorded (DUPLICATE_CLOSURE); the year was declared complete and the body has no republishReason (YEAR_REPUBLISH_REQUIRED).",
      },
      422: { description: "YEAR_ALREADY_PUBLISHED, INVALID_CLOSURE or YEAR_GAP." },
    },
  },
  listDisclosures: {
    method: "get",
    path: "/api/v1/disclosures",
    operationId: "listDisclosures",
    summary: "Disclosure events with the blackout window each opens per plan",
    tags,
    access: "staffRead",
    query: disclosureQuery,
    responses: {
      200: { description: "Events overlapping [from, to], by date.", schema: disclosureListingSchema },
      404: { description: "The planId does not exist (NOT_FOUND)." },
    },
  },
  createDisclosure: {
    method: "post",
    path: "/api/v1/disclosures",
    operationId: "createDisclosure",
    summary: "Adds a disclosure event; affected plans are re-derived and grantees told",
    tags,
    access: "staffWrite",
    body: disclosureBody,
    responses: {
      201: { description: "The event and what it changed.", schema: disclosureChangeSchema },
      404: noEvent,
      422: invalidEvent,
    },
  },
  updateDisclosure: {
    method: "patch",
    path: "/api/v1/disclosures/{eventId}",
    operationId: "updateDisclosure",
    summary: "Changes an event (e.g. the actual date of a postponed report)",
    tags,
    access: "staffWrite",
    params: eventParams,
    body: disclosurePatch,
    responses: {
      200: { description: "The event and what it changed.", schema: disclosureChangeSchema },
      400: badEventId,
      404: noEvent,
      422: invalidEvent,
    },
  },
  deleteDisclosure: {
    method: "delete",
    path: "/api/v1/disclosures/{eventId}",
    operationId: "deleteDisclosure",
    summary: "Removes an event entered in error",
    tags,
    access: "staffWrite",
    params: eventParams,
    responses: {
      200: { description: "The removed event and what its removal changed.", schema: disclosureChangeSchema },
      400: badEventId,
      404: noEvent,
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(calendarOperations);
