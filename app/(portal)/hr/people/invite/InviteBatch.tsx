"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import type { BatchInvitationResult } from "@/lib/features/admin/batchInvitations";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { inviteBatchAction } from "../actions";

/** The one button that invites a batch's grantees, and what it did: who was invited, who was skipped and why. */
export function InviteBatch({ batchId, count }: { batchId: string; count: number }) {
  const t = useTranslations("hrPeople.invite");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<BatchInvitationResult> | null>(null);
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      const r = await inviteBatchAction({ batchId });
      setResult(r);
      if (r.ok) router.refresh();
    });
  return (
    <div className="mt-3 space-y-2">
      <button
        type="button"
        disabled={pending || count === 0}
        onClick={run}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="invite-submit"
      >
        {t("submit", { count })}
      </button>
      <RefusalBox refusal={result} onStepUp={run} />
      {result?.ok && (
        <div
          role="status"
          className="space-y-1 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="invite-done"
        >
          <p>{t("done", { invited: result.data.invited.length, skipped: result.data.skipped.length })}</p>
          {result.data.skipped.length > 0 && (
            <ul className="list-disc pl-5 text-slate-700">
              {result.data.skipped.map((s) => (
                <li key={s.employeeNo}>
                  {s.employeeNo} {s.name}: {t(`skip.${s.reason}`)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
