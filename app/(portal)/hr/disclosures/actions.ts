"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/platform/db";
import { addClosures, closuresBody } from "@/lib/features/calendar/commands";
import { createDisclosure, deleteDisclosure, disclosureBody, disclosurePatch, updateDisclosure, type DisclosureChange } from "@/lib/features/disclosures/commands";
import { staffAction } from "@/lib/auth/procedures/staffAction";
import { uuid } from "@/lib/platform/validation/common";

/** What a disclosure form shows after a change: how many plans were re-derived and dates moved. */
export type ChangeSummary = { affectedPlans: number; changedTranches: number };

function summary(c: Pick<DisclosureChange, "affectedPlans" | "changedTranches">): ChangeSummary {
  revalidatePath("/hr/disclosures");
  return { affectedPlans: c.affectedPlans.length, changedTranches: c.changedTranches.length };
}

/** Adds a disclosure event (same service as POST /api/v1/disclosures). */
export const createDisclosureAction = staffAction(disclosureBody, async (input, actor) => summary(await createDisclosure(await db(), actor, input)));

/** Changes an event, e.g. records the actual date of a postponed report (PATCH /api/v1/disclosures/{id}). */
export const updateDisclosureAction = staffAction(z.object({ eventId: uuid, patch: disclosurePatch }), async ({ eventId, patch }, actor) => summary(await updateDisclosure(await db(), actor, eventId, patch)));

/** Deletes an event entered in error (DELETE /api/v1/disclosures/{id}). */
export const deleteDisclosureAction = staffAction(z.object({ eventId: uuid }), async ({ eventId }, actor) => summary(await deleteDisclosure(await db(), actor, eventId)));

/** Adds extra closures for a future year (POST /api/v1/calendar/closures). */
export const addClosuresAction = staffAction(closuresBody, async (input, actor) => summary(await addClosures(await db(), actor, input)));
