"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { addClosures } from "@/lib/features/calendar/commands";
import { closuresBody } from "@/lib/features/calendar/schemas";
import {
  createDisclosure,
  deleteDisclosure,
  updateDisclosure,
  type DisclosureChange,
} from "@/lib/features/disclosures/commands";
import { disclosureBody, disclosurePatch } from "@/lib/features/disclosures/schemas";
import { uuid } from "@/lib/platform/validation/common";

/** What a disclosure form shows after a change: how many plans were re-derived and dates moved. */
export type ChangeSummary = { affectedPlans: number; changedTranches: number };

function summary(c: Pick<DisclosureChange, "affectedPlans" | "changedTranches">): ChangeSummary {
  revalidatePath("/hr/disclosures");
  return { affectedPlans: c.affectedPlans.length, changedTranches: c.changedTranches.length };
}

/** Adds a disclosure event (same service as POST /api/v1/disclosures). */
export const createDisclosureAction = action(
  { access: "staffWrite", input: disclosureBody },
  async ({ db, actor, input }) => summary(await createDisclosure(db, actor, input)),
);

/** Changes an event, e.g. records the actual date of a postponed report (PATCH /api/v1/disclosures/{id}). */
export const updateDisclosureAction = action(
  { access: "staffWrite", input: z.object({ eventId: uuid, patch: disclosurePatch }) },
  async ({ db, actor, input: { eventId, patch } }) => summary(await updateDisclosure(db, actor, eventId, patch)),
);

/** Deletes an event entered in error (DELETE /api/v1/disclosures/{id}). */
export const deleteDisclosureAction = action(
  { access: "staffWrite", input: z.object({ eventId: uuid }) },
  async ({ db, actor, input: { eventId } }) => summary(await deleteDisclosure(db, actor, eventId)),
);

/** Adds extra closures for a future year (POST /api/v1/calendar/closures). */
export const addClosuresAction = action({ access: "staffWrite", input: closuresBody }, async ({ db, actor, input }) =>
  summary(await addClosures(db, actor, input)),
);
