import "server-only";
import { generalMeetingDateInputSchema, planCategoriesInputSchema } from "@/lib/features/plans/schemas";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { planParams } from "@/lib/features/openapi/schemas/params";
import { planSchema } from "@/lib/features/openapi/schemas/plan";

const tags = ["Plans"];
const noPlan = { description: "No such plan, not the caller's to see, or not a UUID (NOT_FOUND)." };

/** Changes to a plan after draft (part of plansOperations): its categories, and its general meeting date. */
export const planEditOperations = {
  updatePlanCategories: {
    method: "put",
    path: "/api/v1/plans/{planId}/categories",
    operationId: "updatePlanCategories",
    summary:
      "Replaces the plan's categories (matched by code) before it ends; a category with grants keeps its arrangement",
    tags,
    access: "staffWrite",
    params: planParams,
    body: planCategoriesInputSchema,
    responses: {
      200: { description: "The plan after the change.", schema: planSchema },
      404: noPlan,
      409: { description: "The plan has ended, or a dropped category is on a list (PLAN_ENDED, CATEGORY_IN_USE)." },
      422: { description: "CATEGORY_ARRANGEMENT_LOCKED, CATEGORY_HAS_GRANTS, INVALID_RATIOS, TRANCHE_AFTER_VALIDITY." },
    },
  },
  changeGeneralMeetingDate: {
    method: "put",
    path: "/api/v1/plans/{planId}/general-meeting-date",
    operationId: "changeGeneralMeetingDate",
    summary: "Changes the plan's general meeting date explicitly, with a reason (audited before and after)",
    tags,
    access: "staffWrite",
    params: planParams,
    body: generalMeetingDateInputSchema,
    responses: {
      200: { description: "The plan with its new meeting date.", schema: planSchema },
      404: noPlan,
      422: {
        description:
          "GENERAL_MEETING_DATE_LOCKED once the plan has a grant, GENERAL_MEETING_DATE_UNCHANGED, VERIFICATION_TOO_LATE.",
      },
    },
  },
} satisfies Record<string, ApiOperation>;
