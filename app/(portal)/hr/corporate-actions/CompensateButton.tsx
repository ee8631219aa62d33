"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import type { CorporateActionType as ActionType } from "@/lib/domain/adjustments/corporateActions";
import { compensateAction } from "./actions";

/** Button recording the compensating action of a recorded one; refusals (NOT_REVERSIBLE) show their code. */
export function CompensateButton({ actionId }: { actionId: string }) {
  const t = useTranslations("hrActions");
  const [result, setResult] = useState<ActionResult<{ type: string; n: string | null; affected: number }> | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={pending || result?.ok === true}
        onClick={() => {
          if (window.confirm(t("confirmCompensate")))
            start(async () => setResult(await compensateAction({ actionId })));
        }}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
        data-testid="action-compensate"
      >
        {t("compensate")}
      </button>
      <RefusalBox refusal={result} />
      {result?.ok && (
        <p role="status" className="text-xs text-emerald-800">
          {t("compensated", { type: t(`types.${result.data.type as ActionType}`), n: result.data.n ?? "" })}
        </p>
      )}
    </div>
  );
}
