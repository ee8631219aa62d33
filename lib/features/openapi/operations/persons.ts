import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import {
  createPersonSchema,
  listPersonsQuery,
  personImportBodySchema,
  updatePersonSchema,
} from "@/lib/features/persons/personSchemas";
import {
  personImportPreviewSchema,
  personImportResultSchema,
  personPageSchema,
  personSchema,
  personUpdatedSchema,
  batchInvitationSchema,
} from "@/lib/features/openapi/schemas/persons";
import { personParams } from "@/lib/features/openapi/schemas/params";

const noPerson = { description: "No such person (NOT_FOUND)." };
const idRefused = {
  description:
    "The ID number does not fit its document type (ID_NUMBER_INVALID, ID_NUMBER_CHECK_DIGIT: the check digit GB 11643 expects is in details).",
};

/** Person records: the people who can be incentive objects, created one by one or from a file. */
export const personsOperations = {
  listPersons: {
    method: "get",
    path: "/api/v1/persons",
    operationId: "listPersons",
    summary: "People in employee-number order, a page at a time, with search and filters",
    tags: ["Persons"],
    access: "staffRead",
    query: listPersonsQuery,
    responses: {
      200: { description: "One page; pass nextCursor as cursor for the next.", schema: personPageSchema },
      400: { description: "A malformed query or a cursor this list did not hand out (BAD_REQUEST)." },
    },
  },
  createPerson: {
    method: "post",
    path: "/api/v1/persons",
    operationId: "createPerson",
    summary: "Adds a person record; the ID number is stored encrypted",
    tags: ["Persons"],
    access: "staffWrite",
    body: createPersonSchema,
    responses: {
      201: { description: "Created.", schema: personSchema },
      400: { description: "Invalid body (BAD_REQUEST)." },
      409: { description: "The employee number is on record already (PERSON_EXISTS)." },
      422: idRefused,
    },
  },
  getPerson: {
    method: "get",
    path: "/api/v1/persons/{personId}",
    operationId: "getPerson",
    summary: "One person record",
    tags: ["Persons"],
    access: "staffRead",
    params: personParams,
    responses: { 200: { description: "The record.", schema: personSchema }, 404: noPerson },
  },
  updatePerson: {
    method: "patch",
    path: "/api/v1/persons/{personId}",
    operationId: "updatePerson",
    summary: "Changes the fields sent; idNumber null removes the number",
    tags: ["Persons"],
    access: "staffWrite",
    params: personParams,
    body: updatePersonSchema,
    responses: {
      200: {
        description: "The record after the change (unchanged: true when nothing differed).",
        schema: personUpdatedSchema,
      },
      400: { description: "Invalid body (BAD_REQUEST)." },
      404: noPerson,
      409: { description: "The new employee number belongs to someone else (PERSON_EXISTS)." },
      422: idRefused,
    },
  },
  importPersons: {
    method: "post",
    path: "/api/v1/persons/import",
    operationId: "importPersons",
    summary: "Checks (dryRun) or applies a people file, as JSON rows or an XLSX/CSV upload; all or nothing",
    tags: ["Persons"],
    access: "staffWrite",
    body: personImportBodySchema,
    bodyContentType: "multipart/form-data",
    responses: {
      200: {
        description: "dryRun: what each row would do, and its errors; nothing written.",
        schema: personImportPreviewSchema,
      },
      201: { description: "Applied: people created and changed.", schema: personImportResultSchema },
      400: { description: "Unreadable file or missing columns (BAD_REQUEST, FILE_TOO_LARGE, MISSING_COLUMNS)." },
      422: {
        description: "Some rows have errors; nothing was written (INVALID_PERSON_FILE, every row's errors in details).",
      },
    },
  },
  personImportTemplate: {
    method: "get",
    path: "/api/v1/persons/import/template",
    operationId: "personImportTemplate",
    summary: "The people file's template: headers in Chinese and English and one example row",
    tags: ["Persons"],
    access: "staffRead",
    query: z.object({ format: z.enum(["xlsx", "csv"]).optional() }),
    responses: {
      200: {
        description: "XLSX (default) or CSV.",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    },
  },
  inviteBatchGrantees: {
    method: "post",
    path: "/api/v1/grant-batches/{batchId}/invitations",
    operationId: "inviteBatchGrantees",
    summary: "Invites every grantee of a batch who has no login yet; setup links are e-mailed",
    tags: ["Persons", "Users"],
    access: "staffWrite",
    sessionOnly: true,
    stepUp: true,
    params: z.object({ batchId: z.uuid() }),
    responses: {
      201: {
        description:
          "Employee accounts created for the grantees listed under invited; the others are under skipped with a reason (has_account, no_email, email_taken).",
        schema: batchInvitationSchema,
      },
      403: {
        description:
          "API tokens cannot create logins; the session must give its second factor again (STEP_UP_REQUIRED).",
      },
      404: { description: "No such grant batch (NOT_FOUND)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(personsOperations);
