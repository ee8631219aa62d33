"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { advancePlanStatus } from "@/lib/features/plans/commands";
import { changeGeneralMeetingDate } from "@/lib/features/plans/generalMeetingDate";
import { generalMeetingDateInputSchema, PLAN_STATUSES } from "@/lib/features/plans/schemas";

const advanceInput = z.object({ planId: z.string().uuid(), to: z.enum(PLAN_STATUSES) });

/** Server action behind the plan page's "advance" button. */
export const advancePlanStatusAction = action(
  { access: "staffWrite", input: advanceInput },
  async ({ db, actor, input: { planId, to } }) => {
    const plan = await advancePlanStatus(db, actor, planId, to);
    revalidatePath("/hr/plans");
    revalidatePath(`/hr/plans/${planId}`);
    return { status: plan.status };
  },
);

const meetingDateInput = z.object({ planId: z.string().uuid(), body: generalMeetingDateInputSchema });

/** Server action behind the plan page's meeting-date form; the same service as PUT /api/v1/plans/{id}/general-meeting-date. */
export const changeGeneralMeetingDateAction = action(
  { access: "staffWrite", input: meetingDateInput },
  async ({ db, actor, input: { planId, body } }) => {
    const plan = await changeGeneralMeetingDate(db, actor, planId, body);
    revalidatePath("/hr/plans");
    revalidatePath(`/hr/plans/${planId}`);
    return { generalMeetingDate: plan.generalMeetingDate };
  },
);
