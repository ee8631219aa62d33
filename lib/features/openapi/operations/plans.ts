import "server-only";
import { grantAwardsSchema } from "@/lib/features/grants/schemas";
import { participantsBodySchema } from "@/lib/features/participants/participantImport";
import { participantTemplateQuery, participantVersionsQuery } from "@/lib/features/participants/schemas";
import { listEntriesQuery } from "@/lib/features/participants/listEntriesQuery";
import { planGrantsQuery } from "@/lib/features/grants/planGrantListQuery";
import { planInputSchema } from "@/lib/features/plans/commands";
import { advanceStatusSchema } from "@/lib/features/plans/schemas";
import { openPublicityBody } from "@/lib/features/publicity/schemas";
import { recordVerificationBody } from "@/lib/features/publicity/verification";
import { vestingRunRequestBody } from "@/lib/features/vesting/schemas";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { grantAwardsResultSchema, grantPageSchema } from "@/lib/features/openapi/schemas/grant";
import { planParams } from "@/lib/features/openapi/schemas/params";
import { planEditOperations } from "@/lib/features/openapi/operations/planEdits";
import {
  listAppliedSchema,
  listEntryPageSchema,
  listPreviewSchema,
  participantVersionsSchema,
  verificationSchema,
} from "@/lib/features/openapi/schemas/participants";
import { planSchema } from "@/lib/features/openapi/schemas/plan";
import { itemsOf } from "@/lib/features/openapi/schemas/primitives";
import { publicityPeriodListItemSchema, publicityPeriodSchema } from "@/lib/features/openapi/schemas/publicity";
import {
  vestingRunPreviewSchema,
  vestingRunRecordedSchema,
  vestingRunSummarySchema,
} from "@/lib/features/openapi/schemas/vesting";

const tags = ["Plans"];
const noPlan = { description: "No such plan, not the caller's to see, or not a UUID (NOT_FOUND)." };
const refused = { description: "A plan rule refuses it; the first rule's code, every violation in details." };
const conflict = {
  description: "The plan's state does not allow it now (e.g. PLAN_NOT_DRAFT, PLAN_STATUS, INVALID_TRANSITION).",
};

/** Plans and everything hanging off one: status, grants, participant lists, publicity, verification, vesting. */
export const plansOperations = {
  listPlans: {
    method: "get",
    path: "/api/v1/plans",
    operationId: "listPlans",
    summary: "The plans the caller may see",
    tags,
    access: "signedIn",
    responses: {
      200: { description: "Every plan for staff; the plans an employee holds grants in.", schema: itemsOf(planSchema) },
    },
  },
  createPlan: {
    method: "post",
    path: "/api/v1/plans",
    operationId: "createPlan",
    summary: "Creates a draft plan with its categories and vesting arrangements",
    tags,
    access: "staffWrite",
    body: planInputSchema,
    responses: {
      201: { description: "The plan as GET /api/v1/plans/{planId} shows it.", schema: planSchema },
      409: { description: "No issuer, or a blackout rule-set name taken (NO_ISSUER, RULE_SET_NAME_TAKEN)." },
      422: refused,
    },
  },
  getPlan: {
    method: "get",
    path: "/api/v1/plans/{planId}",
    operationId: "getPlan",
    summary: "One plan",
    tags,
    access: "signedIn",
    params: planParams,
    responses: { 200: { description: "The plan.", schema: planSchema }, 404: noPlan },
  },
  updatePlan: {
    method: "patch",
    path: "/api/v1/plans/{planId}",
    operationId: "updatePlan",
    summary: "Edits a draft plan (the same body as creating one)",
    tags,
    access: "staffWrite",
    params: planParams,
    body: planInputSchema,
    responses: {
      200: { description: "The plan after the change.", schema: planSchema },
      404: noPlan,
      409: conflict,
      422: refused,
    },
  },
  advancePlanStatus: {
    method: "post",
    path: "/api/v1/plans/{planId}/status",
    operationId: "advancePlanStatus",
    summary: "Moves the plan one step along its lifecycle",
    tags,
    access: "staffWrite",
    params: planParams,
    body: advanceStatusSchema,
    responses: { 200: { description: "The plan in its new status.", schema: planSchema }, 404: noPlan, 409: conflict },
  },
  ...planEditOperations,
  listPlanGrants: {
    method: "get",
    path: "/api/v1/plans/{planId}/grants",
    operationId: "listPlanGrants",
    summary:
      "A plan's grants, a page at a time in (grant date, employee no.) order with search and filters: all for staff, the caller's own for an employee",
    tags: ["Plans", "Grants"],
    access: "signedIn",
    params: planParams,
    query: planGrantsQuery,
    responses: {
      200: {
        description: "One page (200 grants unless limit says otherwise); pass nextCursor as cursor for the next.",
        schema: grantPageSchema,
      },
      400: { description: "A malformed query or a cursor this list did not hand out (BAD_REQUEST)." },
      404: noPlan,
    },
  },
  grantAwards: {
    method: "post",
    path: "/api/v1/plans/{planId}/grants",
    operationId: "grantAwards",
    summary:
      "Grants a first or reserved batch, all or nothing; the first grant moves the plan from approved_by_general_meeting to granted",
    tags: ["Plans", "Grants"],
    access: "staffWrite",
    params: planParams,
    body: grantAwardsSchema,
    responses: {
      201: { description: "The new batch and one grant per grantee.", schema: grantAwardsResultSchema },
      404: noPlan,
      409: {
        description:
          "The plan is not approved by the general meeting yet (PLAN_STATUS: a first grant never skips that step), or the first grant exists (FIRST_GRANT_EXISTS).",
      },
      422: {
        description:
          "A procedure, list, cap, reserve or price rule refuses it; every violation is in details.violations with its dates. " +
          "Each batch follows the latest verification of its own list (first or reserved): none (NOT_VERIFIED), " +
          "the list changed since (VERIFICATION_STALE), a person not on it or above it (NOT_ON_LIST, QUANTITY_ABOVE_LIST). " +
          "Also: " +
          "GRANT_BEFORE_GENERAL_MEETING, GRANT_BEFORE_BOARD_RESOLUTION, FIRST_GRANT_TOO_LATE (60 days after the meeting), " +
          "PUBLICITY_NOT_CLOSED, VERIFICATION_NOT_DISCLOSED, NOT_ON_LIST, CAP_PERSON_EXCEEDED, RESERVE_DEADLINE_PASSED, PRICE_BELOW_PAR...",
      },
    },
  },
  listParticipantVersions: {
    method: "get",
    path: "/api/v1/plans/{planId}/participants",
    operationId: "listParticipantVersions",
    summary:
      "The plan's participant list versions with all their entries, and a diff between two; for long lists read the entries a page at a time from /participants/entries",
    tags: ["Plans", "Participants"],
    access: "staffRead",
    params: planParams,
    query: participantVersionsQuery,
    responses: {
      200: {
        description: "Versions oldest first with their entries; diff only when from and to are given.",
        schema: participantVersionsSchema,
      },
      400: { description: "Unknown batch, or from/to not both version numbers (BAD_REQUEST)." },
      404: { description: "Not a UUID, or a diff version that does not exist (NOT_FOUND)." },
    },
  },
  listParticipantEntries: {
    method: "get",
    path: "/api/v1/plans/{planId}/participants/entries",
    operationId: "listParticipantEntries",
    summary: "One participant list version's entries, a page at a time in employee-number order, with search",
    tags: ["Plans", "Participants"],
    access: "staffRead",
    params: planParams,
    query: listEntriesQuery,
    responses: {
      200: {
        description:
          "One page of the version asked for (the batch's latest by default; version null and no items when the batch has no list); pass nextCursor as cursor for the next.",
        schema: listEntryPageSchema,
      },
      400: {
        description: "A malformed query, or a cursor this list (or this version) did not hand out (BAD_REQUEST).",
      },
      404: { description: "No such plan or list version, or not a UUID (NOT_FOUND)." },
    },
  },
  importParticipants: {
    method: "post",
    path: "/api/v1/plans/{planId}/participants",
    operationId: "importParticipants",
    summary: "Validates (dryRun) or applies a participant list, as JSON rows or an XLSX/CSV upload",
    tags: ["Plans", "Participants"],
    access: "staffWrite",
    params: planParams,
    body: participantsBodySchema,
    bodyContentType: "multipart/form-data",
    responses: {
      200: { description: "dryRun: every row checked, nothing written.", schema: listPreviewSchema },
      201: {
        description: "Applied as the batch's next version (unchanged: true when identical to the latest).",
        schema: listAppliedSchema,
      },
      400: {
        description:
          "Invalid body or unreadable file (BAD_REQUEST, FILE_TOO_LARGE); a required column missing, named in " +
          "details.missing (MISSING_COLUMNS); or a preview warning not in acceptWarnings, nothing written " +
          "(WARNINGS_NOT_ACCEPTED, e.g. POSITION_COLUMN_MISSING).",
      },
      404: noPlan,
      409: { description: "The plan has ended (PLAN_CLOSED)." },
      422: { description: "The list has errors; nothing was written (INVALID_PARTICIPANT_LIST)." },
    },
  },
  getParticipantListTemplate: {
    method: "get",
    path: "/api/v1/plans/{planId}/participants/template",
    operationId: "getParticipantListTemplate",
    summary: "The participant list template: bilingual headers, required columns marked *, one example row",
    tags: ["Plans", "Participants"],
    access: "staffRead",
    params: planParams,
    query: participantTemplateQuery,
    responses: {
      200: {
        description:
          "An attachment. format=xlsx: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, with a " +
          "notes sheet listing the plan's categories; format=csv: text/csv (UTF-8 with BOM).",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      400: { description: "Unknown format (BAD_REQUEST)." },
      404: noPlan,
    },
  },
  listPlanPublicityPeriods: {
    method: "get",
    path: "/api/v1/plans/{planId}/publicity-periods",
    operationId: "listPlanPublicityPeriods",
    summary: "The plan's publicity periods with objection counts",
    tags: ["Plans", "Publicity"],
    access: "staffRead",
    params: planParams,
    responses: { 200: { description: "Newest first.", schema: itemsOf(publicityPeriodListItemSchema) }, 404: noPlan },
  },
  openPublicityPeriod: {
    method: "post",
    path: "/api/v1/plans/{planId}/publicity-periods",
    operationId: "openPublicityPeriod",
    summary: "Opens the internal publicity of a list version (at least 10 days)",
    tags: ["Plans", "Publicity"],
    access: "staffWrite",
    params: planParams,
    body: openPublicityBody,
    responses: {
      201: { description: "The period as opened.", schema: publicityPeriodSchema },
      404: noPlan,
      409: { description: "A period is already open (PUBLICITY_ALREADY_OPEN)." },
      422: refused,
    },
  },
  listVerifications: {
    method: "get",
    path: "/api/v1/plans/{planId}/verifications",
    operationId: "listVerifications",
    summary: "The plan's verification opinions, newest first",
    tags: ["Plans", "Publicity"],
    access: "staffRead",
    params: planParams,
    responses: {
      200: {
        description: "Each record with its stale flag; never the attachment bytes.",
        schema: itemsOf(verificationSchema),
      },
      404: noPlan,
    },
  },
  recordVerification: {
    method: "post",
    path: "/api/v1/plans/{planId}/verifications",
    operationId: "recordVerification",
    summary: "Records the verification opinion on a list version",
    tags: ["Plans", "Publicity"],
    access: "staffWrite",
    params: planParams,
    body: recordVerificationBody,
    responses: {
      201: { description: "The record (attachment name only).", schema: verificationSchema },
      404: noPlan,
      422: {
        description:
          "PUBLICITY_NOT_ENDED, VERIFICATION_TOO_LATE, GENERAL_MEETING_DATE_MISMATCH, WRONG_VERIFYING_BODY...",
      },
    },
  },
  listVestingRuns: {
    method: "get",
    path: "/api/v1/plans/{planId}/vesting-runs",
    operationId: "listVestingRuns",
    summary: "The plan's recorded vesting runs",
    tags: ["Plans", "Vesting"],
    access: "staffRead",
    params: planParams,
    responses: {
      200: { description: "Newest vesting date first.", schema: itemsOf(vestingRunSummarySchema) },
      404: noPlan,
    },
  },
  runVesting: {
    method: "post",
    path: "/api/v1/plans/{planId}/vesting-runs",
    operationId: "runVesting",
    summary: "Previews or (confirm: true) records a vesting run; grades as JSON or an XLSX upload",
    tags: ["Plans", "Vesting"],
    access: "staffWrite",
    params: planParams,
    body: vestingRunRequestBody,
    bodyContentType: "multipart/form-data",
    responses: {
      200: {
        description: "The preview: per grantee, floor(planned × company × individual ratio).",
        schema: vestingRunPreviewSchema,
      },
      201: {
        description: "Recorded: appraisals, the run, re-derived tranches and grantee notices.",
        schema: vestingRunRecordedSchema,
      },
      404: { description: "No such plan, batch, category or tranche (NOT_FOUND)." },
      409: { description: "This tranche has already been vested (VESTING_RUN_EXISTS)." },
      422: { description: "The date or the grades are refused (IN_BLACKOUT, MISSING_GRADES, UNKNOWN_GRADE...)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(plansOperations);
