import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { grantSchema } from "@/lib/features/openapi/schemas/grant";
import { calendarFeedSchema, noticeSchema } from "@/lib/features/openapi/schemas/me";
import { noticeParams } from "@/lib/features/openapi/schemas/params";
import { itemsOf } from "@/lib/features/openapi/schemas/primitives";
import { myVestingBatchSchema } from "@/lib/features/openapi/schemas/vestingBatch";
import { myVestingBatchesQuery } from "@/lib/features/me/vestingBatches";

const tags = ["Me"];

/** The signed-in user's own data: grants, notices and calendar. */
export const meOperations = {
  listMyGrants: {
    method: "get",
    path: "/api/v1/me/grants",
    operationId: "listMyGrants",
    summary: "The caller's own grants with tranches, adjustments and deferrals",
    tags,
    access: "signedIn",
    responses: {
      200: { description: "The caller's grants (empty when the user is not a grantee).", schema: itemsOf(grantSchema) },
    },
  },
  listMyNotices: {
    method: "get",
    path: "/api/v1/me/notices",
    operationId: "listMyNotices",
    summary: "The caller's notices, unread first",
    tags,
    access: "signedIn",
    responses: { 200: { description: "Up to 100 notices.", schema: itemsOf(noticeSchema) } },
  },
  markNoticeRead: {
    method: "post",
    path: "/api/v1/me/notices/{noticeId}/read",
    operationId: "markNoticeRead",
    summary: "Marks one of the caller's notices read",
    tags,
    access: "signedIn",
    params: noticeParams,
    responses: {
      204: { description: "Read (also when it already was, or is not the caller's)." },
      404: { description: "The id is not a UUID (NOT_FOUND)." },
    },
  },
  listMyVestingBatches: {
    method: "get",
    path: "/api/v1/me/vesting-batches",
    operationId: "listMyVestingBatches",
    summary:
      "The caller's vesting batches from the payment notice on, newest first: what to pay, to which account, with which reference and by when; what vested; the income tax (an estimate until registration)",
    tags,
    access: "signedIn",
    query: myVestingBatchesQuery,
    responses: {
      200: {
        description:
          "The caller's batches (empty when the user is not a grantee). Before registration tax.lines estimate the tax at ?price= (else the latest closing price HR entered; none when no price is known); after it they are the final figures.",
        schema: itemsOf(myVestingBatchSchema),
      },
      400: { description: "price is not a positive decimal with at most 4 decimals (BAD_REQUEST)." },
    },
  },
  getMyCalendar: {
    method: "get",
    path: "/api/v1/me/calendar.ics",
    operationId: "getMyCalendar",
    summary: "The caller's vesting windows, earliest dates and blackouts as iCalendar",
    tags,
    access: "signedIn",
    responses: { 200: { description: "An iCalendar file.", contentType: "text/calendar" } },
  },
  issueCalendarFeed: {
    method: "post",
    path: "/api/v1/me/calendar-feed",
    operationId: "issueCalendarFeed",
    summary: "Issues a secret calendar feed URL (the previous one stops working)",
    tags,
    access: "signedIn",
    responses: { 201: { description: "The feed URL, shown once.", schema: calendarFeedSchema } },
  },
  revokeCalendarFeed: {
    method: "delete",
    path: "/api/v1/me/calendar-feed",
    operationId: "revokeCalendarFeed",
    summary: "Revokes the caller's calendar feed URL",
    tags,
    access: "signedIn",
    responses: { 204: { description: "Revoked; calendar apps holding the URL get 404 from now on." } },
  },
  getCalendarFeed: {
    method: "get",
    path: "/api/v1/calendar-feeds/{token}",
    operationId: "getCalendarFeed",
    summary: "A calendar feed for calendar apps, which cannot sign in",
    tags,
    access: "public",
    params: z.object({ token: z.string().describe("The secret from the feed URL, followed by .ics.") }),
    responses: {
      200: { description: "The feed owner's calendar as iCalendar.", contentType: "text/calendar" },
      404: { description: "Unknown, revoked or malformed token, or a disabled owner (NOT_FOUND)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(meOperations);
