import "server-only";
import { corporateActionBody } from "@/lib/features/corporate-actions/queries";
import { compensateRequestBody, recordActionBody } from "@/lib/features/corporate-actions/schemas";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import {
  adjustmentPreviewSchema,
  corporateActionListSchema,
  recordedActionSchema,
} from "@/lib/features/openapi/schemas/actions";
import { grantAcceptedSchema, grantSchema } from "@/lib/features/openapi/schemas/grant";
import { actionParams, grantParams } from "@/lib/features/openapi/schemas/params";

const refused422 = {
  description:
    "A rule refuses it (PRICE_BELOW_PAR, INVALID_ADJUSTMENT, NOT_REVERSIBLE...); every violation is in details.",
};

/** Single grants and corporate actions: events that change grants after they are made (departures: leavers.ts). */
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
      409: { description: "The grant was voided; there is nothing to confirm (GRANT_VOIDED)." },
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
        description:
          "Every action with its status (scheduled until its ex-date is reached, then applied), the number of grants it adjusted (0 while scheduled) and the action that compensated it, if any.",
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
      201: {
        description:
          'Recorded; every plan re-derived and affected grantees told. action.status "applied": ex-date today or earlier, adjusted now; "scheduled": a later ex-date, nothing adjusted until the daily derivation reaches it (affected is what it will do).',
        schema: recordedActionSchema,
      },
      400: { description: "Invalid body, or confirm missing (CONFIRM_REQUIRED)." },
      404: { description: "No issuer is set up (NOT_FOUND)." },
      422: {
        description:
          "A rule refuses it (PRICE_BELOW_PAR, INVALID_ADJUSTMENT, EX_DATE_NOT_TRADING_DAY, or LARGE_RATIO_UNCONFIRMED: a conversion or bonus issue with n > 1 without confirmLargeRatio, naming the resulting ratio); nothing is written.",
      },
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
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(actionsOperations);
