import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { changeGeneralMeetingDate } from "@/lib/features/plans/generalMeetingDate";

export const dynamic = "force-dynamic";

/** PUT /api/v1/plans/{planId}/general-meeting-date {generalMeetingDate, reason}: the explicit, audited change. */
export const PUT = route(api.changeGeneralMeetingDate, async ({ db, actor, params, body }) =>
  changeGeneralMeetingDate(db, actor, params.planId, body),
);
