import "server-only";
import { corporateActionBody } from "@/lib/features/corporate-actions/queries";
import { compensateRequestBody, recordActionBody } from "@/lib/features/corporate-actions/schemas";
import { recordLeaverSchema } from "@/lib/features/persons/schemas";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import {
  adjustmentPreviewSchema,
  corporateActionListSchema,
  leaverResultSchema,
  recordedActionSchema,
} from "@/lib/features/openapi/schemas/actions";
import { grantAcceptedSchema, grantSchema } from "@/lib/features/openapi/schemas/grant";
import { actionParams, grantParams, personParams } from "@/lib/features/openapi/schemas/params";

const refused422 = {
  description:
    "A rule refuses it (PRICE_BELOW_PAR, INVALID_ADJUSTMENT, NOT_REVERSIBLE...); every violation is in details.",
};

/** Single grants, corporate actions and departures: the events that change grants after they are made. */
export const actionsOperations = {
  getGrant: {
    method: "get",
    path: "/api/v1/grants/{grantId}",
    operationId: "getGrant",
    summary: "One grant: any for staff, only their own for an employee",
    tags: ["Grants"],
    access: "signedIn",
    params: grantParams,
    responses: {
      200: { description: "The grant.", schema: grantSchema },
      404: { description: "Missing, not the caller's, or not a UUID: indistinguishable on purpose (NOT_FOUND)." },
    },
  },
  acceptGrant: {
    method: "post",
    path: "/api/v1/grants/{grantId}/accept",
    operationId: "acceptGrant",
    summary: "The grantee confirms their grant (idempotent)",
    tags: ["Grants"],
    access: "signedIn",
    params: grantParams,
    responses: {
      200: { description: "Accepted, now or earlier.", schema: grantAcceptedSchema },
      404: { description: "Not the caller's grant (NOT_FOUND)." },
    },
  },
  listCorporateActions: {
    method: "get",
    path: "/api/v1/corporate-actions",
    operationId: "listCorporateActions",
    summary: "Recorded corporate actions, newest first",
    tags: ["Corporate actions"],
    access: "staffRead",
    responses: {
      200: {
        description: "Every action with the number of grants it adjusted and the action that compensated it, if any.",
        schema: corporateActionListSchema,
      },
    },
  },
  recordCorporateAction: {
    method: "post",
    path: "/api/v1/corporate-actions",
    operationId: "recordCorporateAction",
    summary: "Records a corporate action after its preview (send confirm: true)",
    tags: ["Corporate actions"],
    access: "staffWrite",
    stepUp: true,
    body: recordActionBody,
    responses: {
      201: { description: "Recorded; every plan re-derived and affected grantees told.", schema: recordedActionSchema },
      400: { description: "Invalid body, or confirm missing (CONFIRM_REQUIRED)." },
      404: { description: "No issuer is set up (NOT_FOUND)." },
      422: refused422,
    },
  },
  previewCorporateAction: {
    method: "post",
    path: "/api/v1/corporate-actions/preview",
    operationId: "previewCorporateAction",
    summary: "Before and after per affected grant, nothing written",
    tags: ["Corporate actions"],
    access: "staffRead",
    body: corporateActionBody,
    responses: {
      200: { description: "The grants with tranches outstanding on the ex-date.", schema: adjustmentPreviewSchema },
      422: refused422,
    },
  },
  compensateCorporateAction: {
    method: "post",
    path: "/api/v1/corporate-actions/{actionId}/compensate",
    operationId: "compensateCorporateAction",
    summary: "Records the action that reverses another (the only undo)",
    tags: ["Corporate actions"],
    access: "staffWrite",
    params: actionParams,
    body: compensateRequestBody,
    responses: {
      201: { description: "The compensating action as recorded.", schema: recordedActionSchema },
      404: { description: "No such action (NOT_FOUND)." },
      409: { description: "Already compensated (ALREADY_COMPENSATED)." },
      422: refused422,
    },
  },
  recordLeaver: {
    method: "post",
    path: "/api/v1/persons/{personId}/leave",
    operationId: "recordLeaver",
    summary: "Records a departure; unvested tranches lapse from that date",
    tags: ["Persons"],
    access: "staffWrite",
    params: personParams,
    body: recordLeaverSchema,
    responses: {
      200: { description: "The same date was already recorded: nothing changed.", schema: leaverResultSchema },
      201: { description: "Recorded; the person's plans re-derived.", schema: leaverResultSchema },
      404: { description: "No such person (NOT_FOUND)." },
      409: { description: "The person already left on another date (ALREADY_LEFT)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(actionsOperations);
