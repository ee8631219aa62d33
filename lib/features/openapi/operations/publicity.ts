import "server-only";
import { objectionBody } from "@/lib/features/publicity/schemas";
import { answerObjectionBody, closePublicityBody, objectionInboxQuery } from "@/lib/features/publicity/schemas";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { objectionParams, periodParams } from "@/lib/features/openapi/schemas/params";
import { itemsOf } from "@/lib/features/openapi/schemas/primitives";
import {
  closedPublicityPeriodSchema,
  objectionAnswerSchema,
  objectionPageSchema,
  objectionReceiptSchema,
  publicityNoticeSchema,
} from "@/lib/features/openapi/schemas/publicity";

const tags = ["Publicity"];
const noPeriod = { description: "No such publicity period, or not a UUID (NOT_FOUND)." };

/** The internal publicity of the participant list: the notice, objections and closing. */
export const publicityOperations = {
  listOpenPublicity: {
    method: "get",
    path: "/api/v1/publicity-periods",
    operationId: "listOpenPublicity",
    summary: "Lists under publicity today: names and positions only",
    tags,
    access: "signedIn",
    responses: {
      200: {
        description: "Open periods with their lists and the caller's own objection receipts.",
        schema: itemsOf(publicityNoticeSchema),
      },
    },
  },
  closePublicityPeriod: {
    method: "post",
    path: "/api/v1/publicity-periods/{periodId}/close",
    operationId: "closePublicityPeriod",
    summary: "Closes a period after its end date with a summary of the feedback",
    tags,
    access: "staffWrite",
    params: periodParams,
    body: closePublicityBody,
    responses: {
      200: { description: "The closed period.", schema: closedPublicityPeriodSchema },
      404: noPeriod,
      409: { description: "Already closed (PUBLICITY_ALREADY_CLOSED)." },
      422: { description: "The end date has not passed (PUBLICITY_NOT_ENDED)." },
    },
  },
  getPublicityNotice: {
    method: "get",
    path: "/api/v1/publicity-periods/{periodId}/notice.xlsx",
    operationId: "getPublicityNotice",
    summary: "The notice to post, as a workbook (names and positions only)",
    tags,
    access: "staffRead",
    params: periodParams,
    responses: {
      200: {
        description: "An XLSX workbook, as an attachment.",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      404: noPeriod,
    },
  },
  fileObjection: {
    method: "post",
    path: "/api/v1/publicity-periods/{periodId}/objections",
    operationId: "fileObjection",
    summary: "Files an objection to an open publicity (the filer is recorded)",
    tags,
    access: "signedIn",
    params: periodParams,
    body: objectionBody,
    responses: {
      201: { description: "The receipt.", schema: objectionReceiptSchema },
      404: noPeriod,
      422: { description: "The period is not open today (PUBLICITY_CLOSED)." },
    },
  },
  listObjections: {
    method: "get",
    path: "/api/v1/publicity-periods/{periodId}/objections",
    operationId: "listObjections",
    summary:
      "The objection inbox with each filer: by status and text (receipt no., objection, filer), a page at a time",
    tags,
    access: "staffRead",
    params: periodParams,
    query: objectionInboxQuery,
    responses: {
      200: {
        description: "One page, oldest first (50 unless limit says); pass nextCursor as cursor for the next.",
        schema: objectionPageSchema,
      },
      400: { description: "An unknown status, or a cursor this list did not hand out (BAD_REQUEST)." },
      404: noPeriod,
    },
  },
  answerObjection: {
    method: "patch",
    path: "/api/v1/objections/{objectionId}",
    operationId: "answerObjection",
    summary: "Answers or upholds an objection",
    tags,
    access: "staffWrite",
    params: objectionParams,
    body: answerObjectionBody,
    responses: {
      200: { description: "The answer; upheld means a new list version must follow.", schema: objectionAnswerSchema },
      404: { description: "No such objection, or not a UUID (NOT_FOUND)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(publicityOperations);
