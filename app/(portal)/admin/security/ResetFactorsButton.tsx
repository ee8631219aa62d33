"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { resetUserFactorsAction } from "./actions";

type Reset = ActionResult<{ factorsRemoved: number; sessionsEnded: number }>;

/**
 * Resets one user's second factor after a confirmation. When the admin's own proof is older than 10
 * minutes (STEP_UP_REQUIRED) it asks for their second factor, then resets without asking again.
 */
export function ResetFactorsButton({ userId, name }: { userId: string; name: string }) {
  const t = useTranslations("adminSecurity");
  const [result, setResult] = useState<Reset | null>(null);
  const [pending, start] = useTransition();
  const reset = () => start(async () => setResult(await resetUserFactorsAction({ userId })));
  return (
    <div className="w-full space-y-2 sm:w-72">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm text-rose-800 hover:bg-rose-50 disabled:opacity-60"
        data-testid="factor-reset"
        onClick={() => {
          if (window.confirm(t("factors.resetConfirm", { name }))) reset();
        }}
      >
        {t("factors.reset")}
      </button>
      {result?.ok && (
        <p role="status" className="text-xs text-emerald-700" data-testid="factor-reset-done">
          {t("factors.resetDone", {
            name,
            factors: result.data.factorsRemoved,
            sessions: result.data.sessionsEnded,
          })}
        </p>
      )}
      <RefusalBox refusal={result} onStepUp={reset} />
    </div>
  );
}
