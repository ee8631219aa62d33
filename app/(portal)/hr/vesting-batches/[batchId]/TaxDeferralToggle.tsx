"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { taxDeferralAction } from "../actions";

/** A registered line's instalment choice (分期缴纳): records it, or takes it back; the end date comes from the policy. */
export function TaxDeferralToggle({
  batchId,
  lineId,
  deferralEnd,
}: {
  batchId: string;
  lineId: string;
  deferralEnd: string | null;
}) {
  const t = useTranslations("hrVestingBatches.deferral");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const deferred = deferralEnd !== null;
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await taxDeferralAction({ batchId, lineId, deferred: !deferred });
            setResult(r);
            if (r.ok) router.refresh();
          })
        }
        className={`whitespace-nowrap rounded-md px-2 py-1 text-xs font-medium disabled:opacity-60 ${
          deferred
            ? "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
            : "bg-brand-600 text-white hover:bg-brand-700"
        }`}
        aria-pressed={deferred}
        data-testid="line-deferral-toggle"
      >
        {deferred ? t("undo") : t("defer")}
      </button>
      {result && !result.ok && (
        <div className="w-64 whitespace-normal">
          <RefusalBox refusal={result} />
        </div>
      )}
    </div>
  );
}
