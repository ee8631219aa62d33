"use server";
import { revalidatePath } from "next/cache";
import { isRuleError } from "@/lib/domain/errors";
import { action } from "@/lib/auth/procedures/action";
import { corporateActionBody, previewCorporateAction } from "@/lib/features/corporate-actions/queries";
import { compensateCorporateAction, recordCorporateAction } from "@/lib/features/corporate-actions/commands";
import { compensateBody, recordActionBody } from "@/lib/features/corporate-actions/schemas";
import { refuse } from "@/lib/platform/errors/refusal";

/** The existing preview (POST /api/v1/corporate-actions/preview): before/after per affected grant, nothing written. */
export const previewAction = action({ access: "staffWrite", input: corporateActionBody }, async ({ input }) => {
  try {
    return await previewCorporateAction(input);
  } catch (e) {
    // The preview throws domain RuleErrors; as ApiErrors the form shows them with their code.
    if (isRuleError(e)) refuse([e.toViolation()]);
    throw e;
  }
});

/** Records the previewed action (POST /api/v1/corporate-actions with confirm: true): applied now, or scheduled for its ex-date. */
export const recordAction = action(
  { access: "staffWrite", input: recordActionBody, stepUp: true },
  async ({ db, actor, input }) => {
    const r = await recordCorporateAction(db, actor, input);
    revalidatePath("/hr/corporate-actions");
    return { id: r.action.id, affected: r.affected.length, status: r.action.status, exDate: r.action.exDate };
  },
);

/** Records the compensating action of a recorded one. */
export const compensateAction = action(
  { access: "staffWrite", input: compensateBody },
  async ({ db, actor, input }) => {
    const r = await compensateCorporateAction(db, actor, input.actionId, input.description);
    revalidatePath("/hr/corporate-actions");
    return {
      id: r.action.id,
      type: r.action.type,
      n: r.action.n,
      affected: r.affected.length,
      status: r.action.status,
      exDate: r.action.exDate,
    };
  },
);
