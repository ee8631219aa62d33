"use server";
import { revalidatePath } from "next/cache";
import { isRuleError } from "@/lib/domain/errors";
import { db } from "@/lib/platform/db";
import { corporateActionBody, previewCorporateAction } from "@/lib/features/corporate-actions/queries";
import { compensateBody, compensateCorporateAction, recordActionBody, recordCorporateAction } from "@/lib/features/corporate-actions/commands";
import { refuse } from "@/lib/platform/errors/refusal";
import { staffAction } from "@/lib/auth/procedures/staffAction";

/** The existing preview (POST /api/v1/corporate-actions/preview): before/after per affected grant, nothing written. */
export const previewAction = staffAction(corporateActionBody, async (input) => {
  try {
    return await previewCorporateAction(input);
  } catch (e) {
    // The preview throws domain RuleErrors; as ApiErrors the form shows them with their code.
    if (isRuleError(e)) refuse([e.toViolation()]);
    throw e;
  }
});

/** Records the previewed action (POST /api/v1/corporate-actions with confirm: true). */
export const recordAction = staffAction(recordActionBody, async (input, actor) => {
  const r = await recordCorporateAction(await db(), actor, input);
  revalidatePath("/hr/corporate-actions");
  return { id: r.action.id, affected: r.affected.length };
});

/** Records the compensating action of a recorded one. */
export const compensateAction = staffAction(compensateBody, async (input, actor) => {
  const r = await compensateCorporateAction(await db(), actor, input.actionId, input.description);
  revalidatePath("/hr/corporate-actions");
  return { id: r.action.id, type: r.action.type, n: r.action.n, affected: r.affected.length };
});
