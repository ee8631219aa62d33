"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { clearLoginThrottleAction } from "./actions";

/** Clears one account's or address's failed sign-ins after a confirmation; the list refreshes without it. */
export function ClearThrottleButton({
  kind,
  throttleKey,
  label,
}: {
  kind: "account" | "ip";
  throttleKey: string;
  label: string;
}) {
  const t = useTranslations("adminSecurity");
  const [result, setResult] = useState<ActionResult<{ cleared: number }> | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="w-full space-y-1 sm:w-auto">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
        data-testid="throttle-clear"
        onClick={() => {
          if (window.confirm(t("throttles.clearConfirm", { key: label })))
            start(async () => setResult(await clearLoginThrottleAction({ kind, key: throttleKey })));
        }}
      >
        {t("throttles.clear")}
      </button>
      {result?.ok && (
        <p role="status" className="text-xs text-emerald-700">
          {t("throttles.cleared", { n: result.data.cleared })}
        </p>
      )}
      <RefusalBox refusal={result} />
    </div>
  );
}
